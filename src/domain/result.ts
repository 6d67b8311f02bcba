/** Expected failures are values, not exceptions: every use case returns one of these. */

/** Parameters interpolated into a message template (`{name}`). */
export type Params = Record<string, string | number | undefined>;

/** One field's error inside a failure that concerns several fields (a form, an API body). */
export interface FieldError {
  field: string;
  code: string;
  params?: Params;
}

/** A failure with a stable lower_snake code and the parameters its message needs. */
export interface CodedError {
  code: string;
  params?: Params;
  /** Per-field errors, all of them, when the failure is about a form or body. */
  fields?: FieldError[];
}

export type Result<T, E extends CodedError = CodedError> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a value as a success. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a coded failure. */
export function fail(code: string, params?: Params): { ok: false; error: CodedError } {
  return { ok: false, error: params ? { code, params } : { code } };
}

/** A `validation_failed` failure carrying every field's error. */
export function invalidFields(fields: FieldError[]): { ok: false; error: CodedError } {
  return {
    ok: false,
    error: { code: 'validation_failed', params: { detail: fields.map((f) => f.field).join(', ') }, fields },
  };
}
