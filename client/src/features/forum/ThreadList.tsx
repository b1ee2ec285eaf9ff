import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { THREAD_SORTS, type ThreadSort } from '@shared/api/threads';
import { listThreads } from '@client/api/forum';
import { queryKeys } from '@client/api/queryKeys';
import { ThreadItem } from './ThreadItem';

/** Threads of a category (or of all categories), sortable, loaded page by page. */
export function ThreadList({ slug, headingId }: { slug?: string; headingId: string }) {
  const { t, i18n } = useTranslation('forum');
  const [sort, setSort] = useState<ThreadSort>('latest');
  const threads = useInfiniteQuery({
    queryKey: queryKeys.threads.list(slug ?? null, sort, i18n.language),
    queryFn: ({ pageParam }) => listThreads(slug, sort, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = threads.data?.pages.flatMap((p) => p.items) ?? [];
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
            <ThreadItem key={thread.id} thread={thread} />
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
