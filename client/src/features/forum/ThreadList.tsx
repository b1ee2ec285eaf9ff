import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { THREAD_SORTS, type ThreadSort } from '@shared/api/threads';
import { isLocale } from '@shared/constants';
import { pagedOptionsOf } from '@client/api/contractQuery';
import { threadListQuery } from '@client/api/publicQueries';
import { ThreadItem } from './ThreadItem';
import { MoreLink } from './MoreLink';

/** The sort named in the address (`?sort=`), latest activity unless it names another. */
export function sortOf(value: string | null): ThreadSort {
  return THREAD_SORTS.find((s) => s === value) ?? 'latest';
}

/**
 * Threads of a category (or of all categories), sortable, loaded page by page. The first page may start
 * at `?cursor=` (where "more" leads without JavaScript); with it, more threads load in place.
 */
export function ThreadList({ slug, headingId }: { slug?: string; headingId: string }) {
  const { t, i18n } = useTranslation('forum');
  const [search] = useSearchParams();
  const [sort, setSort] = useState<ThreadSort>(sortOf(search.get('sort')));
  const locale = isLocale(i18n.language) ? i18n.language : 'es';
  // The address's cursor belongs to the address's sort.
  const cursor = sort === sortOf(search.get('sort')) ? (search.get('cursor') ?? undefined) : undefined;
  const threads = useInfiniteQuery(pagedOptionsOf(threadListQuery(slug ?? null, sort, locale, cursor)));
  const items = threads.data?.pages.flatMap((p) => p.items) ?? [];
  const next = threads.data?.pages.at(-1)?.nextCursor;
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
      {next && (
        <MoreLink
          to={`?${new URLSearchParams({ ...(sort !== 'latest' && { sort }), cursor: next }).toString()}`}
          loading={threads.isFetchingNextPage}
          onMore={() => void threads.fetchNextPage()}
        >
          {t('list.more')}
        </MoreLink>
      )}
    </section>
  );
}
