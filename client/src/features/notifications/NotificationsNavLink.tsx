import { useEffect } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PATHS } from '@shared/routes';
import { fetchNotificationCount } from '@client/api/notifications';
import { useSocket } from '@client/realtime/RealtimeProvider';
import { queryKeys } from '@client/api/queryKeys';

/** The header's link to the notifications page, with the unread badge kept current over the socket. */
export function NotificationsNavLink() {
  const { t } = useTranslation('notifications');
  const socket = useSocket();
  const queryClient = useQueryClient();
  const count = useQuery({ queryKey: queryKeys.notifications.unread, queryFn: fetchNotificationCount });
  useEffect(() => {
    const set = ({ unread }: { unread: number }) => {
      queryClient.setQueryData(queryKeys.notifications.unread, { unread });
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.list });
    };
    const resync = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.unread });
    socket.on('notification:created', set);
    socket.on('notification:read', set);
    socket.on('hello', resync);
    return () => {
      socket.off('notification:created', set);
      socket.off('notification:read', set);
      socket.off('hello', resync);
    };
  }, [socket, queryClient]);
  const unread = count.data?.unread ?? 0;
  return (
    <NavLink to={PATHS.notifications}>
      {t('nav')}
      {unread > 0 && (
        <span className="count-badge" data-testid="notification-badge">
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden">{t('unread', { count: unread })}</span>
        </span>
      )}
    </NavLink>
  );
}
