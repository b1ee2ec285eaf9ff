import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@shared/constants';
import { LANGUAGE_PARAM, PATHS } from '@shared/routes';
import { useChangeLanguage } from '@client/features/session/useChangeLanguage';

/**
 * The site footer: what Ágora is, the public moderation log, and the page in each language. The
 * languages are real links (`?lang=`), so they work without JavaScript and search engines follow them;
 * with JavaScript a click switches in place and saves the choice, as the header's switcher does.
 */
export function Footer() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const change = useChangeLanguage();
  const addressIn = (locale: string) => {
    const search = new URLSearchParams(location.search);
    search.set(LANGUAGE_PARAM, locale);
    return `${location.pathname}?${search.toString()}`;
  };
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t('footer.about')}</p>
        <p>
          <Link to={PATHS.moderationLog}>{t('moderation:log.footer')}</Link>
        </p>
        <nav aria-label={t('language.footer')} className="site-footer__languages">
          <ul>
            {LOCALES.map((locale) => (
              <li key={locale}>
                <a
                  href={addressIn(locale)}
                  hrefLang={locale}
                  lang={locale}
                  aria-current={locale === i18n.language ? 'true' : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    if (locale !== i18n.language && !change.isPending) change.mutate(locale);
                  }}
                >
                  {t(`endonym.${locale}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
