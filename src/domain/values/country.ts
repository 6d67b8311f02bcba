import { fail, ok, type Result } from '../result.ts';
import { cleanText, looseKey } from '../text.ts';
import { COUNTRY_ALIASES, ISO_COUNTRIES } from './country-codes.ts';

// English and French first (the app's languages), then the languages of the neighbours whose own names
// appear in files ("Deutschland", "España", "Nederland"); no name of one country is another's in these.
const NAME_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];
const LEADING_ARTICLE = /^(?:(?:the|les|la|le)\s+|l['’]\s*)/iu;

interface CountryTables {
  alpha2: Set<string>;
  alpha3: Map<string, string>;
  names: Map<string, string>;
}

let tables: CountryTables | undefined;

// Built on first use rather than at import, so modules that never read a country pay nothing.
function countryTables(): CountryTables {
  if (tables) return tables;
  const tokens = ISO_COUNTRIES.trim().split(/\s+/);
  const alpha2 = new Set<string>();
  const alpha3 = new Map<string, string>();
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const [two = '', three = ''] = [tokens[i], tokens[i + 1]];
    alpha2.add(two);
    alpha3.set(three, two);
  }
  const names = new Map<string, string>();
  const addName = (name: string | undefined, code: string) => {
    const key = name === undefined ? '' : looseKey(name);
    if (key !== '' && !names.has(key)) names.set(key, code);
  };
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) addName(alias, code);
  for (const language of NAME_LANGUAGES) {
    for (const style of ['long', 'short'] as const) {
      const display = new Intl.DisplayNames([language], { type: 'region', style, fallback: 'none' });
      for (const code of alpha2) {
        // Short forms such as "É.-U." or "RU" (Spanish for the UK) read like ISO codes of other countries;
        // no country's name has fewer than four letters, so such keys are abbreviations and are left out.
        const name = display.of(code);
        if (name !== undefined && looseKey(name).length >= 4) addName(name, code);
      }
    }
  }
  tables = { alpha2, alpha3, names };
  return tables;
}

/** Reads a country given as an ISO alpha-2 or alpha-3 code or an English/French name into ISO alpha-2. */
export function normaliseCountry(value: string): Result<string> {
  const text = cleanText(value);
  const { alpha2, alpha3, names } = countryTables();
  const code = text.toUpperCase();
  if (alpha2.has(code)) return ok(code);
  const key = looseKey(text);
  const found =
    names.get(key) ??
    (/^[A-Z]{3}$/.test(code) ? alpha3.get(code) : undefined) ??
    names.get(looseKey(text.replace(LEADING_ARTICLE, '')));
  if (found) return ok(found);
  return fail('unknown_country', { value: text });
}
