/**
 * The one error class of the files layer. Every way a file can be refused is a `FileRefusal` carrying a stable
 * lower_snake `code` (with an English and French message in `domain/messages/file.ts`) and its `params`. Any
 * other exception escaping this layer is a bug.
 */
import type { CodedError, Params } from '../domain/result.ts';

export type FileRefusalCode =
  | 'empty_file'
  | 'no_data_rows'
  | 'legacy_xls'
  | 'xlsx_encrypted'
  | 'not_a_spreadsheet'
  | 'unsupported_extension'
  | 'invalid_xlsx'
  | 'xlsx_too_large'
  | 'xlsx_doctype_refused'
  | 'sheet_not_found'
  | 'unterminated_quote'
  | 'malformed_quote'
  | 'mixed_encoding'
  | 'unreadable_bytes'
  | 'line_too_long'
  | 'too_many_columns'
  | 'file_too_large';

/** A file refused for a reason the person can fix; `code` and `params` fill the message. */
export class FileRefusal extends Error {
  readonly code: FileRefusalCode;
  readonly params: Params;
  /** The header row when one was found before the refusal (`no_data_rows`), for a scan to report it. */
  header?: { line: number; cells: string[] };

  constructor(code: FileRefusalCode, params: Params = {}) {
    super(`${code}${Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'FileRefusal';
    this.code = code;
    this.params = params;
  }

  /** The refusal as the value shape used everywhere else (`{ code, params }`). */
  toCodedError(): CodedError {
    return { code: this.code, params: this.params };
  }
}

/** True when an exception is a file refusal (as opposed to a bug). */
export function isFileRefusal(error: unknown): error is FileRefusal {
  return error instanceof FileRefusal;
}

export { formatSize } from '../domain/size.ts';
