import { useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { THREAD_SORTS, type ThreadSort } from '@shared/api/threads';
import { threadPath } from '@shared/routes';
import { HiddenLabel } from '@client/features/safeguards/HiddenLabel';
import { listThreads } from '@client/api/forum';
import { ThreadBadges } from './ThreadBadges';

/** Threads of a category (or of all categories), sortable, loaded page by page. */
export function ThreadList({ slug, headingId }: { slug?: string; headingId: string }) {
  const { t, i18n } = useTranslation('forum');
  const [sort, setSort] = useState<ThreadSort>('latest');
  const threads = useInfiniteQuery({
    queryKey: ['threads', slug ?? null, sort, i18n.language],
    queryFn: ({ pageParam }) => listThreads(slug, sort, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = threads.data?.pages.flatMap((p) => p.items) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby={headingId} aria-busy={threads.isPending}>
      <div className="thread-list__tools">
        <label htmlFor={`${headingId}-sort`}>{t('list.sortLabel')}</label>
        <select id={`${headingId}-sort`} value={sort} onChange={(e) => setSort(e.target.value as ThreadSort)}>
          {THREAD_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`list.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {threads.isPending && <p className="loading">{t('common:status.loading')}</p>}
      {threads.isError && <p role="alert">{threads.error.message}</p>}
      {threads.isSuccess && items.length === 0 && <p className="empty-state">{t('list.empty')}</p>}
      {items.length > 0 && (
        <ul className="thread-list">
          {items.map((thread) => (
            <li key={thread.id} className="thread-item" lang={thread.lang}>
              <h3 className="thread-item__title">
                <Link to={threadPath(thread.id)}>{thread.title}</Link>
              </h3>
              <p className="thread-item__meta">
                <span className={`badge badge--${thread.kind}`}>{t(`kind.${thread.kind}`)}</span>
                <ThreadBadges thread={thread} />
                {(thread.hidden || thread.deleted) && (
                  <HiddenLabel reason={thread.deleted ? 'deleted' : (thread.hidden ?? 'pending_review')} />
                )}
                <span>{t('list.replies', { count: thread.replyCount })}</span>
                {thread.unreadCount > 0 && (
                  <span className="badge badge--unread">
                    {t('list.unread', { count: thread.unreadCount })}
                  </span>
                )}
                <span>{t('list.lastActivity', { date: date.format(new Date(thread.lastPostAt)) })}</span>
              </p>
              {thread.tags.length > 0 && (
                <ul className="tags" aria-label={t('thread.tags')}>
                  {thread.tags.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {threads.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void threads.fetchNextPage()}
        >
          {threads.isFetchingNextPage ? t('common:status.loading') : t('list.more')}
        </button>
      )}
    </section>
  );
}
