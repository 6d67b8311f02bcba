import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../api/types.ts';
import en from './en.json';
import fr from './fr.json';

// Compile-time check that both catalogues have the same keys: a string missing in one language fails the build.
const frChecked: typeof en = fr;
const enChecked: typeof fr = en;

export const resources = { en: { translation: enChecked }, fr: { translation: frChecked } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

const STORED = 'clientele.language';

/** The language before anyone logs in: the last one chosen on this browser, else the browser's. */
export function initialLanguage(): Lang {
  const stored = localStorage.getItem(STORED);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Switches the interface language (and the page's lang attribute, read by screen readers). */
export async function setLanguage(lang: Lang): Promise<void> {
  localStorage.setItem(STORED, lang);
  document.documentElement.lang = lang;
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

/** Initialises i18next once, before the first render. */
export function initI18n(): typeof i18n {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

/** The current interface language. */
export function currentLang(): Lang {
  return i18n.language === 'fr' ? 'fr' : 'en';
}
