import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PATHS } from '@shared/routes';
import { useUnread } from './useUnread';

/** The header's link to the inbox, with the number of unread messages and requests. */
export function MessagesNavLink() {
  const { t } = useTranslation('messaging');
  const unread = useUnread(true);
  const count = unread.data ? unread.data.total + unread.data.requests : 0;
  return (
    <NavLink to={PATHS.messages} className="messages-link">
      {t('nav.messages')}
      {count > 0 && (
        <span className="count-badge" data-testid="unread-badge">
          <span aria-hidden="true">{count}</span>
          <span className="visually-hidden">{t('nav.unread', { count })}</span>
        </span>
      )}
    </NavLink>
  );
}
