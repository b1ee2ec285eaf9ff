import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { useSession } from '@client/features/session/useSession';
import { MessagesNavLink } from '@client/features/messaging/MessagesNavLink';
import { NotificationsNavLink } from '@client/features/notifications/NotificationsNavLink';
import { AccountMenu } from './AccountMenu';
import { HeaderSearch } from '@client/features/search/HeaderSearch';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The site header: product name, primary navigation, language and account. */
export function Header() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={PATHS.home} className="site-header__brand">
          {t('brand.name')}
        </Link>
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to={PATHS.home} end>
                {t('nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to={PATHS.latest}>{t('nav.latest')}</NavLink>
            </li>
            <li>
              <NavLink to={PATHS.directory}>{t('nav.directory')}</NavLink>
            </li>
            {session.user && (
              <li>
                <MessagesNavLink />
              </li>
            )}
            {session.user && (
              <li>
                <NotificationsNavLink />
              </li>
            )}
            {!session.user && (
              <>
                <li>
                  <NavLink to={PATHS.signIn}>{t('nav.signIn')}</NavLink>
                </li>
                <li>
                  <NavLink to={PATHS.register}>{t('nav.register')}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <div className="site-header__tools">
          <HeaderSearch />
          <LanguageSwitcher current={session.locale} />
          {session.user && <AccountMenu user={session.user} />}
        </div>
      </div>
    </header>
  );
}
