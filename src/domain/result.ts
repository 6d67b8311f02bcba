/** Expected failures are values, not exceptions: every use case returns one of these. */

/** Parameters interpolated into a message template (`{name}`). */
export type Params = Record<string, string | number | undefined>;

/** A failure with a stable lower_snake code and the parameters its message needs. */
export interface CodedError {
  code: string;
  params?: Params;
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
