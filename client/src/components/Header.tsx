import { useState, type MouseEvent } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PATHS } from '@shared/routes';
import { fetchNotificationCount } from '@client/api/notifications';
import { queryKeys } from '@client/api/queryKeys';
import { useSession } from '@client/features/session/useSession';
import { MessagesNavLink } from '@client/features/messaging/MessagesNavLink';
import { useUnread } from '@client/features/messaging/useUnread';
import { NotificationsNavLink } from '@client/features/notifications/NotificationsNavLink';
import { AccountMenu } from './AccountMenu';
import { HeaderSearch } from '@client/features/search/HeaderSearch';
import { LanguageSwitcher } from './LanguageSwitcher';
import { useDisclosure } from './useDisclosure';

/** The id the Menu button controls; there is one header per page. */
const MENU_ID = 'site-menu';

/**
 * The site header: product name, primary navigation, search, language and account. On a phone the
 * navigation and the tools fold behind a Menu button (a disclosure: Escape closes it and returns focus
 * to the button; following a link closes it).
 *
 * Without JavaScript the navigation stays reachable: the menu is always rendered as real links, and
 * only CSS folds it, in `@media (max-width: 50rem) and (scripting: enabled)`. A browser without
 * scripts (or one that does not know the `scripting` feature) never matches that query, so it shows
 * the links and hides the button that could not work. We chose this over <details>/<summary>: the
 * panel must stay open, unconditionally, on wide screens, which a closed <details> cannot do, and a
 * real button gives the `aria-expanded`/`aria-controls` disclosure that screen readers know.
 * The markup depends only on state that starts closed, so server and first client render agree.
 */
export function Header() {
  const { t } = useTranslation();
  const session = useSession();
  const { pathname } = useLocation();
  const menu = useDisclosure<HTMLElement>();

  // A new page closes the menu. Adjusted during render (React's pattern for state that follows a
  // value) rather than in an effect, so the new page never paints with the menu still open.
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    menu.setOpen(false);
  }

  // A link followed from the open menu closes it, also when it leads to the page already shown; focus
  // goes back to the button, and Layout then moves it to the new page's content.
  const onMenuClick = (event: MouseEvent) => {
    if (menu.open && event.target instanceof Element && event.target.closest('a')) menu.close();
  };

  return (
    <header className="site-header" {...menu.rootProps}>
      <div className="site-header__inner">
        <Link to={PATHS.home} className="site-header__brand">
          {t('brand.name')}
        </Link>
        <button {...menu.buttonProps} className="site-header__menu-toggle" aria-controls={MENU_ID}>
          <MenuIcon open={menu.open} />
          {t('nav.menu')}
          {session.user && <MenuUnreadBadge />}
        </button>
        <div
          id={MENU_ID}
          className={menu.open ? 'site-menu site-menu--open' : 'site-menu'}
          onClick={onMenuClick}
        >
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
      </div>
    </header>
  );
}

/** Three lines, or a cross while the menu is open; the button's text names it. */
function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg
      className="site-header__menu-icon"
      aria-hidden="true"
      focusable="false"
      width="20"
      height="20"
      viewBox="0 0 20 20"
    >
      <path
        d={open ? 'M5 5l10 10M15 5 5 15' : 'M3 5h14M3 10h14M3 15h14'}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

/**
 * Unread messages, requests and notifications together, on the Menu button: on a phone the links that
 * carry their own badges are folded away. Same queries as those links, so no extra request.
 */
function MenuUnreadBadge() {
  const { t } = useTranslation();
  const messages = useUnread(true);
  const notifications = useQuery({
    queryKey: queryKeys.notifications.unread,
    queryFn: fetchNotificationCount,
  });
  const count =
    (messages.data ? messages.data.total + messages.data.requests : 0) + (notifications.data?.unread ?? 0);
  if (count === 0) return null;
  return (
    <span className="count-badge" data-testid="menu-unread-badge">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('nav.menuUnread', { count })}</span>
    </span>
  );
}
