import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { threadPath } from '@shared/routes';
import { fetchPublicLog } from '@client/api/moderation';
import { usePageTitle } from '@client/components/usePageTitle';
import { queryKeys } from '@client/api/queryKeys';

/** The public moderation log: what was done on public content, when and why. */
export function ModerationLogPage() {
  const { t, i18n } = useTranslation('moderation');
  usePageTitle(t('log.title'));
  const list = useInfiniteQuery({
    queryKey: queryKeys.moderation.publicLog,
    queryFn: ({ pageParam }) => fetchPublicLog(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="moderation">
      <h1>{t('log.title')}</h1>
      <p className="lead">{t('log.intro')}</p>
      {list.isPending && <p className="loading">{t('loading')}</p>}
      {list.isError && (
        <p role="alert" className="error-state">
          {list.error.message}
        </p>
      )}
      {list.isSuccess && items.length === 0 && <p className="empty-state">{t('log.empty')}</p>}
      <ol className="moderation-list public-log">
        {items.map((entry) => (
          <li key={entry.id}>
            <strong>{t(`actions.${entry.action}`, { defaultValue: t('actions.unknown') })}</strong>
            {' — '}
            {entry.targetType === 'member' ? (
              t('log.aMember')
            ) : entry.thread ? (
              <Link to={threadPath(entry.thread.id)}>{entry.thread.title}</Link>
            ) : (
              t('log.withheld')
            )}
            <br />
            <time dateTime={entry.createdAt}>{date.format(new Date(entry.createdAt))}</time>
            {' · '}
            {entry.moderator
              ? t('log.moderator', { name: entry.moderator })
              : entry.action.endsWith('.hide') && !entry.reason
                ? t('log.automatic')
                : t('log.moderatorHidden')}
            {entry.reason && (
              <p className="moderation-list__note">{t('log.reason', { reason: entry.reason })}</p>
            )}
          </li>
        ))}
      </ol>
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => void list.fetchNextPage()}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
