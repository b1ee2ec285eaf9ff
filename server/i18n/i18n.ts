import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LOCALES, type Locale } from '@shared/constants';

type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

/** Finds `locales/` from the source tree (`server/i18n/`) and from the bundle (`dist/server/`). */
function localesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', 'locales');
}

/** Reads every `locales/<lang>/<namespace>.json`. */
export function loadResources(dir = localesDir()): Resources {
  const resources = {} as Resources;
  for (const locale of LOCALES) {
    resources[locale] = {};
    for (const file of readdirSync(path.join(dir, locale)).filter((f) => f.endsWith('.json'))) {
      resources[locale][file.slice(0, -'.json'.length)] = JSON.parse(
        readFileSync(path.join(dir, locale, file), 'utf8'),
      ) as Record<string, unknown>;
    }
  }
  return resources;
}

/** The server's translator: localized API errors, e-mails and console output. */
export interface Translator {
  t(locale: Locale, key: string, params?: Record<string, unknown>): string;
  fixed(locale: Locale): TFunction;
}

/** Creates an isolated i18next instance over the shared locale files. */
export async function createTranslator(defaultLocale: Locale): Promise<Translator> {
  const resources = loadResources();
  const instance: i18n = i18next.createInstance();
  await instance.init({
    resources,
    supportedLngs: [...LOCALES],
    fallbackLng: defaultLocale,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    t: (locale, key, params) => instance.getFixedT(locale)(key, params ?? {}),
    fixed: (locale) => instance.getFixedT(locale),
  };
}
