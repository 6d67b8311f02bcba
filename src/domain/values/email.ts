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

/** Validates an email the way a person expects (one @, a dotted domain, no spaces) and lower-cases it. */
export function normaliseEmail(value: string): Result<string> {
  const email = cleanText(value).toLowerCase();
  if (!isPlausibleEmail(email)) return fail('invalid_email');
  return ok(email);
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
