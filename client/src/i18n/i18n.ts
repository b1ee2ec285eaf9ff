import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@shared/constants';
import { I18N_OPTIONS } from '@shared/i18n-options';

type Namespaces = Record<string, Record<string, unknown>>;

/**
 * Each language's strings, a chunk per language loaded on demand. The call to `import.meta.glob` stays
 * inside the function: the build resolves it, and the server, which renders the same components with
 * its own translator, never runs it.
 */
function loaders(): Record<string, () => Promise<{ namespaces: Namespaces }>> {
  return import.meta.glob<{ namespaces: Namespaces }>('./bundles/{es,pt,en,fr}.ts');
}

/**
 * The client's one i18next instance. It holds no strings until `startI18n` (before the first render)
 * loads the page's language; `changeLanguage` loads another language before switching to it.
 */
export const i18n: I18n = i18next.createInstance();

/** Downloads one language's strings. */
async function fetchStrings(locale: Locale): Promise<Namespaces> {
  const load = loaders()[`./bundles/${locale}.ts`];
  if (!load) throw new Error(`no strings for language "${locale}"`);
  return (await load()).namespaces;
}

/** Loads a language's strings into the (started) instance, once. */
export async function loadLanguage(locale: Locale): Promise<void> {
  if (i18n.hasResourceBundle(locale, 'common')) return;
  for (const [namespace, strings] of Object.entries(await fetchStrings(locale))) {
    i18n.addResourceBundle(locale, namespace, strings, true, true);
  }
}

/** Switches the interface language, loading its strings first so no text shows as a bare key. */
export async function changeLanguage(locale: Locale): Promise<void> {
  await loadLanguage(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/** Keeps `<html lang>` equal to the language the page is shown in. */
function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

/** Starts the instance in the language the page was rendered in, with that language's strings. */
export async function startI18n(locale: Locale): Promise<I18n> {
  const strings = await fetchStrings(locale);
  i18n.on('languageChanged', syncDocumentLanguage);
  await i18n.use(initReactI18next).init({
    resources: { [locale]: strings },
    ns: Object.keys(strings),
    lng: locale,
    // Every language has every key (a test checks): no fallback language to download.
    ...I18N_OPTIONS,
  });
  return i18n;
}
