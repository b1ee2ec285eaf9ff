import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { threadPath } from '@shared/routes';
import { pagedOptionsOf } from '@client/api/contractQuery';
import { publicLogQuery } from '@client/api/publicQueries';
import { MoreLink } from '@client/features/forum/MoreLink';
import { usePageTitle } from '@client/components/usePageTitle';
import { useDateFormat } from '@client/components/useDateFormat';

/** The public moderation log: what was done on public content, when and why. */
export function ModerationLogPage() {
  const { t } = useTranslation('moderation');
  usePageTitle(t('log.title'));
  const [search] = useSearchParams();
  const list = useInfiniteQuery(pagedOptionsOf(publicLogQuery(search.get('cursor') ?? undefined)));
  const date = useDateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const next = list.data?.pages.at(-1)?.nextCursor;
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
            <time dateTime={entry.createdAt}>{date(entry.createdAt)}</time>
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
      {list.hasNextPage && next && (
        <MoreLink
          to={`?${new URLSearchParams({ cursor: next }).toString()}`}
          loading={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
        >
          {t('loadMore')}
        </MoreLink>
      )}
    </div>
  );
}
