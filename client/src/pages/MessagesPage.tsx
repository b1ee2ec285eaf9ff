import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATHS, conversationPath } from '@shared/routes';
import { listConversations } from '@client/api/messaging';
import { usePageTitle } from '@client/components/usePageTitle';
import { useSession } from '@client/features/session/useSession';
import { conversationName, plainPreview } from '@client/features/messaging/conversationName';
import { useUnread } from '@client/features/messaging/useUnread';
import { queryKeys } from '@client/api/queryKeys';

/** The inbox: conversations by latest activity, unread marked, and a tab of message requests. */
export function MessagesPage() {
  const { t, i18n } = useTranslation('messaging');
  usePageTitle(t('inbox.title'));
  const session = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const tab = params.get('tab') === 'requests' ? 'requests' : 'inbox';
  const user = session.user;
  const list = useQuery({
    queryKey: queryKeys.messaging.list(tab),
    queryFn: () => listConversations(tab),
    enabled: Boolean(user),
  });
  const unread = useUnread(Boolean(user));
  if (!user) return <Navigate to={PATHS.signIn} replace state={{ from: location.pathname }} />;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const requests = unread.data?.requests ?? 0;

  return (
    <div className="messages-page">
      <div className="page-intro page-intro--row">
        <h1>{t('inbox.title')}</h1>
        <Link className="button" to={PATHS.newMessage}>
          {t('inbox.new')}
        </Link>
      </div>
      <nav aria-label={t('inbox.tabsLabel')} className="tabs">
        <ul>
          <li>
            <Link to={PATHS.messages} aria-current={tab === 'inbox' ? 'page' : undefined}>
              {t('inbox.inbox')}
            </Link>
          </li>
          <li>
            <Link
              to={`${PATHS.messages}?tab=requests`}
              aria-current={tab === 'requests' ? 'page' : undefined}
            >
              {t('inbox.requests')}
              {requests > 0 && <span className="count-badge">{requests}</span>}
            </Link>
          </li>
        </ul>
      </nav>
      <section aria-busy={list.isPending} aria-labelledby="list-heading">
        <h2 id="list-heading" className="visually-hidden">
          {tab === 'requests' ? t('inbox.requests') : t('inbox.inbox')}
        </h2>
        {list.isPending && <p className="loading">{t('common:status.loading')}</p>}
        {list.isError && <p role="alert">{list.error.message}</p>}
        {list.data?.items.length === 0 && (
          <p className="empty-state">{tab === 'requests' ? t('inbox.emptyRequests') : t('inbox.empty')}</p>
        )}
        {list.data && list.data.items.length > 0 && (
          <ul className="conversation-list">
            {list.data.items.map((c) => {
              const last = c.lastMessage;
              const unreadCount = c.me.unreadCount;
              const waiting = c.members.some((m) => m.id !== user.id && m.state === 'requested');
              return (
                <li
                  key={c.id}
                  className={
                    unreadCount > 0 ? 'conversation-item conversation-item--unread' : 'conversation-item'
                  }
                >
                  <Link to={conversationPath(c.id)} className="conversation-item__link">
                    <span className="conversation-item__name">{conversationName(c, user.id)}</span>
                    {unreadCount > 0 && (
                      <span className="count-badge">
                        <span aria-hidden="true">{unreadCount}</span>
                        <span className="visually-hidden">{t('inbox.unread', { count: unreadCount })}</span>
                      </span>
                    )}
                  </Link>
                  <p className="conversation-item__preview">
                    {last
                      ? `${last.author?.id === user.id ? t('inbox.you') : (last.author?.displayName ?? t('common:formerMember'))}: ${
                          last.deleted ? t('inbox.deleted') : plainPreview(last.body ?? '')
                        }`
                      : t('inbox.noMessages')}
                  </p>
                  <p className="conversation-item__meta">
                    <time dateTime={c.activityAt}>{time.format(new Date(c.activityAt))}</time>
                    {c.me.muted && <span> · {t('inbox.muted')}</span>}
                    {waiting && <span> · {t('inbox.pending')}</span>}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
