import { ISO_COUNTRIES } from '../../../../src/domain/values/country-codes.ts';

/** Every country as a Select option, named in the given locale and sorted by name. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const codes = ISO_COUNTRIES.trim()
    .split(/\s+/)
    .filter((_, i) => i % 2 === 0);
  return codes
    .map((code) => {
      let label = code;
      try {
        label = names.of(code) ?? code;
      } catch {
        // An engine without this region's name keeps the code.
      }
      return { value: code, label };
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
