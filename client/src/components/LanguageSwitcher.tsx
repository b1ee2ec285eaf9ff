import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@shared/constants';
import { useChangeLanguage } from '@client/features/session/useChangeLanguage';
import { Disclosure } from './Disclosure';

/** The header's language choice: the four languages, each named in itself and marked with its `lang`. */
export function LanguageSwitcher({ current }: { current: Locale }) {
  const { t } = useTranslation();
  const change = useChangeLanguage();
  return (
    <Disclosure
      className="language-switcher"
      label={
        <>
          <span className="language-switcher__label">{t('language.label')}</span>{' '}
          <span className="language-switcher__current">{t(`endonym.${current}`)}</span>
        </>
      }
    >
      {(close) => (
        <ul className="menu-list">
          {LOCALES.map((locale: Locale) => (
            <li key={locale}>
              <button
                type="button"
                lang={locale}
                className="menu-list__item"
                aria-current={locale === current ? 'true' : undefined}
                onClick={() => {
                  if (change.isPending) return;
                  if (locale === current) return close();
                  change.mutate(locale, { onSettled: close });
                }}
              >
                {t(`endonym.${locale}`)}
              </button>
            </li>
          ))}
          {change.isError && (
            <li role="alert" className="menu-list__error">
              {change.error.message}
            </li>
          )}
        </ul>
      )}
    </Disclosure>
  );
}
