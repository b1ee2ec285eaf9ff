import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, isLocale, type Locale } from '@shared/constants';

type Namespace = Record<string, unknown>;
type Resources = Record<Locale, Record<string, Namespace>>;

// Every `locales/<lang>/<namespace>.json`, bundled: the four languages together are a few kilobytes.
const files = import.meta.glob<Namespace>('@locales/*/*.json', { eager: true, import: 'default' });

/** Groups the bundled locale files by language and namespace. */
function collectResources(): Resources {
  const resources = Object.fromEntries(LOCALES.map((locale) => [locale, {}])) as Resources;
  for (const [file, content] of Object.entries(files)) {
    const match = /\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, locale, namespace] = match;
    if (isLocale(locale) && namespace) resources[locale][namespace] = content;
  }
  return resources;
}

/** The best product language among the browser's, used until the server's session answers. */
export function browserLocale(): Locale {
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'es';
}

/** Keeps `<html lang>` equal to the language the page is shown in. */
function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

/** Creates the client's i18next instance over the shared locale files, synchronously. */
export function createI18n(initial: Locale): I18n {
  const resources = collectResources();
  const instance = i18next.createInstance();
  instance.on('languageChanged', syncDocumentLanguage);
  void instance.use(initReactI18next).init({
    resources,
    lng: initial,
    supportedLngs: [...LOCALES],
    fallbackLng: 'es',
    ns: Object.keys(resources.es),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  syncDocumentLanguage(initial);
  return instance;
}

/** The app's one i18next instance, starting in the browser's language until the session says otherwise. */
export const i18n = createI18n(browserLocale());
