import { findField, IMPORT_KINDS } from '../import-fields.ts';
import { type Lang, MESSAGES, translate } from '../messages/index.ts';
import type { LineError } from './types.ts';

/** The name of a line field in a language; an unknown key reads as itself. */
export function fieldLabel(field: string, lang: Lang): string {
  for (const kind of IMPORT_KINDS) {
    const def = findField(kind, field);
    if (def) return def.label[lang];
  }
  return field;
}

/**
 * The message of a line error in the member's language. `column` is the column as named in the file, used
 * for the {field} parameter when given. A code with a `_suggestion` variant uses it when the error carries a
 * suggestion, so "(did you mean ...?)" only appears with something to suggest.
 */
export function lineErrorMessage(
  error: Pick<LineError, 'code' | 'field' | 'params'>,
  lang: Lang,
  column?: string,
): string {
  const params = { ...error.params };
  if ('field' in params) params.field = column ?? fieldLabel(String(params.field), lang);
  const variant = `${error.code}_suggestion`;
  const code =
    params.suggestion !== undefined && params.suggestion !== '' && MESSAGES[variant] ? variant : error.code;
  return translate(code, lang, params);
}
