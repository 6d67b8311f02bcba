import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, translate } from '../domain/messages/index.ts';
import type { CodedError } from '../domain/result.ts';

/** The one table from error code to HTTP status; a code not listed is a 400. */
const STATUS: Record<string, number> = {
  validation_failed: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  feature_disabled: 403,
  customers_locked: 409,
  not_found: 404,
  organization_not_found: 404,
  invitation_invalid: 404,
  plan_step_not_found: 404,
  slug_taken: 409,
  email_taken: 409,
  member_exists: 409,
  customer_name_taken: 409,
  external_id_taken: 409,
  contact_email_taken: 409,
  main_contact_conflict: 409,
  dunning_plan_name_taken: 409,
  invoice_number_taken: 409,
  last_admin: 409,
  import_not_ready: 409,
  import_already_applied: 409,
  import_not_revertible: 409,
  mapping_incomplete: 422,
  // The mapping a person chose leaves a file-level problem.
  missing_required_column: 422,
  duplicate_column: 422,
  duplicate_header: 422,
  ambiguous_column: 422,
  unknown_column: 422,
  unknown_field: 422,
  // A file that cannot be read (src/files/errors.ts FileRefusalCode; file_too_large is a 413 below).
  empty_file: 422,
  no_data_rows: 422,
  legacy_xls: 422,
  xlsx_encrypted: 422,
  not_a_spreadsheet: 422,
  unsupported_extension: 422,
  invalid_xlsx: 422,
  xlsx_too_large: 422,
  xlsx_doctype_refused: 422,
  sheet_not_found: 422,
  unterminated_quote: 422,
  malformed_quote: 422,
  mixed_encoding: 422,
  unreadable_bytes: 422,
  line_too_long: 422,
  too_many_columns: 422,
  file_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** The HTTP status of an error code. */
export function statusOf(code: string): number {
  return STATUS[code] ?? 400;
}

/** The language to answer in: the member's, else the request's Accept-Language, else English. */
export function languageOf(req: FastifyRequest): Lang {
  if (req.actor) return req.actor.language;
  const accept = req.headers['accept-language'] ?? '';
  return /^\s*fr\b/i.test(accept) ? 'fr' : 'en';
}

/** Sends a coded failure as application/problem+json. */
export function sendProblem(req: FastifyRequest, reply: FastifyReply, error: CodedError): FastifyReply {
  const status = statusOf(error.code);
  const lang = languageOf(req);
  return reply
    .code(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `about:blank#${error.code}`,
        title: translate(error.code, 'en', error.params),
        status,
        code: error.code,
        detail: translate(error.code, lang, error.params),
        ...(error.params ? { params: error.params } : {}),
        ...(error.fields
          ? {
              errors: error.fields.map((f) => ({
                field: f.field,
                code: f.code,
                message: translate(f.code, lang, f.params),
              })),
            }
          : {}),
      }),
    );
}
