/** The longest file name kept for an upload. */
export const MAX_FILE_NAME = 255;

/**
 * The name an uploaded file is kept and shown under: its last path segment, without control or format characters
 * (a NUL cannot be stored; a right-to-left override can disguise an extension), at most 255 characters with its
 * extension kept when the name is cut.
 */
export function safeFileName(given: string): string {
  const base = given.replaceAll('\\', '/').split('/').pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  const chars = [...clean];
  if (chars.length <= MAX_FILE_NAME) return clean || 'upload';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? [...clean.slice(dot)] : [];
  const keptExt = ext.length <= 16 ? ext : [];
  return chars.slice(0, MAX_FILE_NAME - keptExt.length).join('') + keptExt.join('');
}
