import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isLocale } from '@shared/constants';
import { pagedOptionsOf } from '@client/api/contractQuery';
import { featuredQuery } from '@client/api/publicQueries';
import { ThreadItem } from './ThreadItem';

/** The home page's "Featured" section: threads moderators chose; absent when there are none. */
export function FeaturedThreads() {
  const { t, i18n } = useTranslation('forum');
  const featured = useInfiniteQuery(
    pagedOptionsOf(featuredQuery(isLocale(i18n.language) ? i18n.language : 'es')),
  );
  const items = featured.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) return null;
  return (
    <section className="featured" aria-labelledby="featured-heading">
      <h2 id="featured-heading">{t('curation.featured.heading')}</h2>
      <ul className="thread-list featured__list">
        {items.map((thread) => (
          <ThreadItem key={thread.id} thread={thread} inFeatured />
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
