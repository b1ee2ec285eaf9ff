import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { threadPath } from '@shared/routes';
import { listFeatured } from '@client/api/curation';
import { ThreadBadges } from './ThreadBadges';

/** The home page's "Featured" section: threads moderators chose; absent when there are none. */
export function FeaturedThreads() {
  const { t, i18n } = useTranslation('forum');
  const featured = useInfiniteQuery({
    queryKey: ['featured', i18n.language],
    queryFn: ({ pageParam }) => listFeatured(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = featured.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) return null;
  return (
    <section className="featured" aria-labelledby="featured-heading">
      <h2 id="featured-heading">{t('curation.featured.heading')}</h2>
      <ul className="thread-list featured__list">
        {items.map((thread) => (
          <li key={thread.id} className="thread-item" lang={thread.lang}>
            <h3 className="thread-item__title">
              <Link to={threadPath(thread.id)}>{thread.title}</Link>
            </h3>
            <p className="thread-item__meta">
              <span className={`badge badge--${thread.kind}`}>{t(`kind.${thread.kind}`)}</span>
              <ThreadBadges thread={{ ...thread, featured: false }} />
              <span>{t('list.replies', { count: thread.replyCount })}</span>
            </p>
          </li>
        ))}
      </ul>
      {featured.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void featured.fetchNextPage()}
        >
          {featured.isFetchingNextPage ? t('common:status.loading') : t('curation.featured.more')}
        </button>
      )}
    </section>
  );
}
