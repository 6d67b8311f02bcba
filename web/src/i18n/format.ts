import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../api/types.ts';

const LOCALES: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR' };

/** Formatters of dates, numbers, sizes and countries for the interface language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const locale = LOCALES[lang];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  return {
    locale,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
    number: (n: number | null | undefined) => (n === null || n === undefined ? '—' : number.format(n)),
    size: (bytes: number) => {
      const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
      let v = bytes;
      let u = 0;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u ? 1 : 0 }).format(v)} ${units[u]}`;
    },
    // Stored as E.164 (+33612345678); read as people write it (+33 6 12 34 56 78).
    phone: (e164: string | null) =>
      e164 ? (parsePhoneNumberFromString(e164)?.formatInternational() ?? e164) : '',
    country: (code: string | null) => {
      if (!code) return '—';
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}
