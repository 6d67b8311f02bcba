/**
 * XLSX cell values turned into the text a person sees in Excel, for the common formats: numbers without float
 * noise and never in exponent form, zero-padded and digit-pattern formats ("00000", "0# ## ## ## ##"), fixed
 * decimals, percentages, dates as ISO `YYYY-MM-DD` (with ` HH:MM` when the format shows a time). Two liberties,
 * so that values import cleanly: the decimal separator is always "." and thousands are never grouped.
 */

/** A number as Excel's General format shows it, but never in exponent form (15 significant digits). */
export function generalNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const [mantissa = '0', exp] = value.toPrecision(15).split('e');
  const negative = mantissa.startsWith('-');
  const digitsWithDot = negative ? mantissa.slice(1) : mantissa;
  const dot = digitsWithDot.indexOf('.');
  const digits = digitsWithDot.replace('.', '');
  const point = (dot === -1 ? digitsWithDot.length : dot) + Number(exp ?? 0);
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return negative && text !== '0' ? `-${text}` : text;
}

/** Format text without colours/conditions, quoted literals and escapes: what is left are format codes. */
function codesOnly(format: string): string {
  return format
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
}

/** True when a number format displays a date or a time. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const codes = codesOnly(format);
  return !/^\s*general\s*$/i.test(codes) && /[ymdhs]/i.test(codes);
}

/** An Excel serial date (days since 1899-12-30, or since 1904-01-01) as ISO text, with the time if shown. */
export function serialToIso(serial: number, date1904: boolean, format: string): string {
  const codes = codesOnly(format);
  const hasTime = /[hs]/i.test(codes);
  const hasDate = /[yd]/i.test(codes) || (/m/i.test(codes) && !hasTime);
  // Excel's 1900 calendar has a nonexistent 1900-02-29: serials before it are one day off the real one.
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const seconds = Math.round((days - 25569) * 86_400);
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) return generalNumber(serial);
  const iso = new Date(seconds * 1000).toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  if (hasDate && hasTime) return `${date} ${time}`;
  return hasTime ? time : date;
}

/** An ISO date of a `t="d"` cell (strict OOXML) in the same shape as serial dates. */
export function isoCellDate(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(value);
  if (!m) return value;
  const time = m[2];
  return time && time !== '00:00' ? `${m[1]} ${time}` : (m[1] ?? value);
}

type Token =
  | { kind: 'digit'; ch: string }
  | { kind: 'dot' }
  | { kind: 'percent' }
  | { kind: 'lit'; text: string };

/** The section of a format that applies to a value (Excel: positive;negative;zero;text). */
function sectionFor(format: string, value: number): { section: string; signShown: boolean } {
  const sections = format.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  if (value < 0 && sections.length > 1) return { section: sections[1] ?? '', signShown: true };
  if (value === 0 && sections.length > 2) return { section: sections[2] ?? '', signShown: false };
  return { section: sections[0] ?? '', signShown: false };
}

/** Tokens of a number format section, or null when it is not a plain number format (exponent, fraction). */
function tokenize(section: string): Token[] | null {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i]!;
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      tokens.push({ kind: 'lit', text: section.slice(i + 1, end === -1 ? undefined : end) });
      i = end === -1 ? section.length : end;
    } else if (c === '\\') tokens.push({ kind: 'lit', text: section[++i] ?? '' });
    else if (c === '[') i = Math.max(i, section.indexOf(']', i));
    else if (c === '_' || c === '*') i++;
    else if (c === '0' || c === '#' || c === '?') tokens.push({ kind: 'digit', ch: c });
    else if (c === '.') tokens.push({ kind: 'dot' });
    else if (c === '%') tokens.push({ kind: 'percent' });
    else if (c === 'E' || c === 'e' || c === '/') return null;
    else if (c !== ',') tokens.push({ kind: 'lit', text: c });
  }
  return tokens;
}

/** An integer laid out by a digit pattern with literals between digits ("0# ## ## ## ##", "000-000"). */
function fillPattern(value: number, tokens: Token[]): string {
  let remaining = String(Math.round(Math.abs(value)));
  const firstDigit = tokens.findIndex((t) => t.kind === 'digit');
  let out = '';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.kind === 'lit') out = t.text + out;
    else if (t.kind === 'digit') {
      const fallback = t.ch === '0' ? '0' : t.ch === '?' ? ' ' : '';
      const take = i === firstDigit ? remaining : remaining.slice(-1);
      out = (take || fallback) + out;
      remaining = i === firstDigit ? '' : remaining.slice(0, -1);
    }
  }
  return out;
}

/** A number through a plain format: minimum integer digits, fixed or optional decimals, percent, literals. */
function fixedFormat(value: number, tokens: Token[]): string {
  const percent = tokens.some((t) => t.kind === 'percent');
  const dot = tokens.findIndex((t) => t.kind === 'dot');
  const intTokens = dot === -1 ? tokens : tokens.slice(0, dot);
  const fracDigits: string[] = [];
  for (const t of dot === -1 ? [] : tokens.slice(dot + 1)) {
    if (t.kind !== 'digit') break;
    fracDigits.push(t.ch);
  }
  const minInt = intTokens.filter((t) => t.kind === 'digit' && t.ch === '0').length;
  const minFrac = fracDigits.filter((ch) => ch === '0').length;
  const scaled = Math.abs(percent ? value * 100 : value);
  let text = Number(scaled.toPrecision(15)).toFixed(fracDigits.length);
  while (text.includes('.') && text.endsWith('0') && text.length - text.indexOf('.') - 1 > minFrac) {
    text = text.slice(0, -1);
  }
  text = text.replace(/\.$/, '');
  const [int = '0', frac] = text.split('.');
  const intText = int === '0' && minInt === 0 && frac !== undefined ? '' : int.padStart(minInt, '0');
  const number = frac === undefined ? intText : `${intText}.${frac}`;
  const first = tokens.findIndex((t) => t.kind !== 'lit');
  const lastNumeric = tokens.reduce((at, t, i) => (t.kind === 'lit' ? at : i), -1);
  const lits = (part: Token[]) => part.map((t) => (t.kind === 'lit' ? t.text : '')).join('');
  const prefix = lits(tokens.slice(0, Math.max(0, first)));
  const suffix = lits(tokens.slice(lastNumeric + 1));
  return `${prefix}${number}${percent ? '%' : ''}${suffix}`;
}

/** A number shown through a number format (General when the format is not one of the common kinds). */
export function formatNumber(value: number, format: string | undefined, date1904: boolean): string {
  if (!format || /^\s*(general|@)\s*$/i.test(format)) return generalNumber(value);
  if (isDateFormat(format)) return serialToIso(value, date1904, format);
  const { section, signShown } = sectionFor(format, value);
  const tokens = tokenize(section);
  if (!tokens?.some((t) => t.kind === 'digit')) return generalNumber(value);
  const digits = tokens.map((t, i) => (t.kind === 'digit' ? i : -1)).filter((i) => i >= 0);
  const between = tokens.slice(digits[0], digits[digits.length - 1]);
  const patterned = between.some((t) => t.kind === 'lit') && !tokens.some((t) => t.kind === 'dot');
  if (patterned && !Number.isInteger(value)) return generalNumber(value);
  const text = (patterned ? fillPattern(value, tokens) : fixedFormat(value, tokens)).trim();
  const sign = value < 0 && !signShown && /[1-9]/.test(text) ? '-' : '';
  return sign + text;
}
