import { fail, ok, type Result } from '../result.ts';
import { cleanText } from '../text.ts';

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

// RFC 5322 "atext" plus letters and digits of any script; quoted local parts are left out on purpose:
// nobody types them in a spreadsheet and mail servers of the customers rarely accept them.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
// A top-level domain is letters (".fr", ".com", ".рф") or an IDN in its ASCII form ("xn--p1ai").
const TOP_LEVEL_LABEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

// Letters of these scripts look alike ("a" U+0061, "а" U+0430, "α" U+03B1): a part of an address that mixes them
// is a lookalike of another address, not a real one (the rule browsers apply to domain names).
const CONFUSABLE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

// Composing printable ASCII changes nothing, and composing calls into ICU: 80 to 90 against 120 to 300 ns per
// address with the lower-casing, in isolation (nearly every address of a file is ASCII).
const PRINTABLE_ASCII = /^[ -~]*$/;

/**
 * Validates an email the way a person expects (one @, a dotted domain, no spaces) and lower-cases it. Accents are
 * composed (NFC), so "é" typed as e + U+0301 is the same address. Refused as lookalikes of another address:
 * compatibility characters (full-width letters "ｊｅａｎ", ligatures) and a part mixing Latin, Cyrillic and Greek
 * letters ("jеan" with a Cyrillic "е"); addresses wholly in one script ("пример@пример.рф") are accepted.
 */
export function normaliseEmail(value: string): Result<string> {
  const text = cleanText(value);
  const email = (PRINTABLE_ASCII.test(text) ? text : text.normalize('NFC')).toLowerCase();
  return isPlainAsciiEmail(email) || acceptedByRules(email) ? ok(email) : fail('invalid_email');
}

/** The rules one by one, for a cleaned, composed, lower-cased address (exported for the test of the shortcut). */
export function acceptedByRules(email: string): boolean {
  return isPlausibleEmail(email) && !isLookalike(email);
}

// The rules below for a lower-case ASCII address, in one expression: local part of atext in dot-separated runs, then
// labels of letters, digits and inner hyphens (63 at most), then a top-level label of letters or an "xn--" IDN.
const ATEXT = "[a-z0-9!#$%&'*+/=?^_`{|}~-]";
const PLAIN_ASCII_EMAIL = new RegExp(
  `^${ATEXT}+(?:\\.${ATEXT}+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{0,58}[a-z0-9])$`,
);

/**
 * True for a lower-case ASCII address the rules accept (see isPlausibleEmail), which is nearly every address of a
 * file. One expression instead of splitting the address into parts and testing each: this runs on every line of a
 * contacts import (1.2 s of a million-line preview's main thread went to the parts). False says nothing: the
 * address then goes through the rules one by one.
 */
function isPlainAsciiEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH || !PLAIN_ASCII_EMAIL.test(email)) return false;
  return email.indexOf('@') <= MAX_LOCAL_LENGTH;
}

/** True for an address that only looks like another one (see normaliseEmail). */
function isLookalike(email: string): boolean {
  if (/^[ -~]*$/.test(email)) return false;
  if (email.normalize('NFKC') !== email) return true;
  return email
    .split(/[@.]/)
    .some((part) => CONFUSABLE_SCRIPTS.filter((script) => script.test(part)).length > 1);
}

function isPlausibleEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH) return false;
  const parts = email.split('@');
  if (parts.length !== 2) return false;
  const [local = '', domain = ''] = parts;
  if (local.length === 0 || local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  return labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label)) && TOP_LEVEL_LABEL.test(tld);
}
