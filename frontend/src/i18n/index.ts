import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import fr from './fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'relance.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user picked explicitly in this browser, if any. */
export function storedLanguage(): Language | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The stored choice, else the browser's first FR/EN preference, else French. */
export function detectLanguage(navigatorLanguages: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigatorLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'fr';
}

/** The BCP 47 locale used by Intl formatting for a UI language. */
export function intlLocale(language: string): string {
  return language.startsWith('fr') ? 'fr-FR' : 'en-GB';
}

/** Changes the UI language and remembers the choice in this browser. */
export async function changeLanguage(language: Language, remember = true): Promise<void> {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // ignore: the choice then lasts for this page only
    }
  }
  await i18n.changeLanguage(language);
}

/** The current UI language, narrowed to FR/EN. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: detectLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
