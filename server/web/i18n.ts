import i18next, { type i18n as I18n } from 'i18next';
import { LOCALES, type Locale } from '@shared/constants';
import { I18N_OPTIONS } from '@shared/i18n-options';
import { loadResources } from '@server/i18n/i18n';

/**
 * One i18next instance per interface language for rendering pages, each holding only its language (as
 * the browser does), all read once at start-up. Rendering never switches an instance's language, so
 * concurrent renders in different languages cannot disturb each other.
 */
export function createPageTranslations(): (locale: Locale) => I18n {
  const resources = loadResources();
  const instances = new Map<Locale, I18n>();
  for (const locale of LOCALES) {
    const instance = i18next.createInstance();
    void instance.init({
      resources: { [locale]: resources[locale] },
      ns: Object.keys(resources[locale]),
      lng: locale,
      ...I18N_OPTIONS,
    });
    instances.set(locale, instance);
  }
  return (locale) => instances.get(locale) ?? (instances.get('es') as I18n);
}
