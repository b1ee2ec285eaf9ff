import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DIRECTORY_SORTS } from '@shared/api/directory';
import { PATHS } from '@shared/routes';
import { pagedOptionsOf } from '@client/api/contractQuery';
import { membersQuery } from '@client/api/publicQueries';
import { usePageTitle } from '@client/components/usePageTitle';
import { FilterPanel } from '@client/features/directory/FilterPanel';
import { MemberCard } from '@client/features/directory/MemberCard';
import { activeFilterCount, toggled } from '@client/features/directory/filters';

/** The peer directory: search, facet filters with counts, sorting and "show more"; all in the URL. */
export function DirectoryPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('page.title'));
  const [params, setParams] = useSearchParams();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [text, setText] = useState(params.get('q') ?? '');

  const query = useInfiniteQuery({
    ...pagedOptionsOf(membersQuery(params)),
    placeholderData: keepPreviousData,
  });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setParams(next);
  };
  const sort = params.get('sort') ?? (params.get('q') ? 'relevance' : 'recent');
  const filterCount = activeFilterCount(params);

  return (
    <div className="directory">
      <h1>{t('page.title')}</h1>
      <p className="page-intro">{t('page.intro')}</p>
      {/* A real GET form: it searches without JavaScript too (and before the app has started). */}
      <form
        id="directory-search"
        role="search"
        className="directory__search"
        onSubmit={onSearch}
        action={PATHS.directory}
      >
        <label htmlFor="directory-q">{t('search.label')}</label>
        <div className="directory__search-row">
          <input
            id="directory-q"
            name="q"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
      </form>
      <div className="directory__layout">
        <FilterPanel
          id="directory-filters"
          params={params}
          facets={first?.facets}
          open={drawerOpen}
          onToggle={(facet, value) => setParams(toggled(params, facet, value))}
          onClear={() => setParams(params.get('q') ? { q: params.get('q') ?? '' } : {})}
          onClose={() => setDrawerOpen(false)}
        />
        <section className="directory__results" aria-labelledby="directory-results-title">
          <div className="directory__toolbar">
            <button
              type="button"
              className="button button--secondary directory__filters-toggle"
              aria-expanded={drawerOpen}
              aria-controls="directory-filters"
              onClick={() => setDrawerOpen(true)}
            >
              {t('filters.open', { count: filterCount })}
            </button>
            <h2 id="directory-results-title" aria-live="polite">
              {first ? t('results.count', { count: first.total }) : t('results.loading')}
            </h2>
            <label className="directory__sort">
              {t('sort.label')}{' '}
              {/* Part of the search form: without JavaScript, a search keeps the order chosen. */}
              <select
                name="sort"
                form="directory-search"
                value={sort}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  next.set('sort', e.target.value);
                  setParams(next);
                }}
              >
                {DIRECTORY_SORTS.map((value) => (
                  <option key={value} value={value}>
                    {t(`sort.${value}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {query.isError && (
            <p className="error-state" role="alert">
              {query.error.message}
            </p>
          )}
          {first && items.length === 0 && <p className="empty-state">{t('results.none')}</p>}
          <ul className="member-list" aria-label={t('results.label')}>
            {items.map((member) => (
              <li key={member.id}>
                <MemberCard member={member} />
              </li>
            ))}
          </ul>
          {query.hasNextPage && (
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={query.isFetchingNextPage || undefined}
              onClick={() => void query.fetchNextPage()}
            >
              {query.isFetchingNextPage ? t('results.loading') : t('results.more')}
            </button>
          )}
        </section>
      </div>
    </div>
  );
}
