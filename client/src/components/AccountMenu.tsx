import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS, memberPath } from '@shared/routes';
import type { SessionUser } from '@shared/api/session';
import { useSignOut } from '@client/features/session/useSignOut';
import { Disclosure } from './Disclosure';

/** The signed-in member's menu: their name, Settings and Sign out. */
export function AccountMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Disclosure
      className="account-menu"
      ariaLabel={t('account.menu', { name: user.displayName })}
      label={<span className="account-menu__name">{user.displayName}</span>}
    >
      {(close) => (
        <ul className="menu-list">
          <li>
            <Link to={memberPath(user.handle)} className="menu-list__item" onClick={close}>
              {t('nav.profile')}
            </Link>
          </li>
          <li>
            <Link to={PATHS.settings} className="menu-list__item" onClick={close}>
              {t('nav.settings')}
            </Link>
          </li>
          <li>
            <Link to={PATHS.yourData} className="menu-list__item" onClick={close}>
              {t('nav.yourData')}
            </Link>
          </li>
          {(user.role === 'moderator' || user.role === 'admin') && (
            <li>
              <Link to={PATHS.moderation} className="menu-list__item" onClick={close}>
                {t('moderation:menuLink')}
              </Link>
            </li>
          )}
          <li>
            <Link to={PATHS.notices} className="menu-list__item" onClick={close}>
              {t('moderation:notices.title')}
            </Link>
          </li>
          {user.role === 'admin' && (
            <li>
              <Link to={PATHS.adminCategories} className="menu-list__item" onClick={close}>
                {t('nav.adminCategories')}
              </Link>
            </li>
          )}
          {user.role === 'admin' && (
            <li>
              <Link to={PATHS.adminRoles} className="menu-list__item" onClick={close}>
                {t('nav.adminRoles')}
              </Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className="menu-list__item"
              aria-disabled={signOut.isPending || undefined}
              onClick={() => {
                if (!signOut.isPending) signOut.mutate();
              }}
            >
              {signOut.isPending ? t('account.signingOut') : t('account.signOut')}
            </button>
          </li>
          {signOut.isError && (
            <li role="alert" className="menu-list__error">
              {signOut.error.message}
            </li>
          )}
        </ul>
      )}
    </Disclosure>
  );
}
