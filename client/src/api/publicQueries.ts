import type { Locale } from '@shared/constants';
import { categoryApi } from '@shared/api/categories';
import { curationApi } from '@shared/api/curation';
import { directoryApi } from '@shared/api/directory';
import { memberModerationApi } from '@shared/api/moderation';
import { FORUM_LIMITS, threadApi, type ThreadSort, type ThreadView } from '@shared/api/threads';
import { searchApi } from '@shared/api/search';
import { contractQuery } from './contractQuery';
import { searchParamsOf } from './search';
import { directoryQuery } from './directory';
import { LANGUAGE_PARAM } from '@shared/routes';
import { queryKeys } from './queryKeys';

/**
 * The reads of the public pages, each a route of the contract under its cache key. The pages read them
 * with `queryOptionsOf`/`pagedOptionsOf`; the server renderer answers the same ones before it renders
 * (client/src/pages/publicPages.ts), so a hydrated page asks the server nothing again.
 */

/** One page of a thread in one view; a thread longer than a page has real pages, by cursor. */
export const threadPageQuery = (id: string, view: ThreadView, cursor?: string) =>
  contractQuery(queryKeys.threads.page(id, view, cursor ?? null), threadApi.page, {
    params: { id },
    query: { view, cursor, limit: FORUM_LIMITS.pageDefault },
  });

/** The categories, named in the page's language. */
export const categoriesQuery = (locale: Locale) =>
  contractQuery(queryKeys.categories.list(locale), categoryApi.list, {});

/** One category, in the page's language. */
export const categoryQuery = (slug: string, locale: Locale) =>
  contractQuery(queryKeys.categories.detail(slug, locale), categoryApi.get, { params: { slug } });

/** Threads of one category (or every category), one sort, from a cursor; more load page by page. */
export const threadListQuery = (slug: string | null, sort: ThreadSort, locale: Locale, cursor?: string) =>
  slug
    ? contractQuery(
        queryKeys.threads.list(slug, sort, locale, cursor ?? null),
        threadApi.categoryThreads,
        { params: { slug }, query: { sort, cursor } },
        true,
      )
    : contractQuery(
        queryKeys.threads.list(null, sort, locale, cursor ?? null),
        threadApi.list,
        { query: { sort, cursor } },
        true,
      );

/** The home page's featured threads. */
export const featuredQuery = (locale: Locale) =>
  contractQuery(queryKeys.threads.featured(locale), curationApi.featured, { query: {} }, true);

/** A member's public profile, as far as the reader may see it. */
export const memberQuery = (handle: string) =>
  contractQuery(queryKeys.directory.profile(handle), directoryApi.profile, { params: { handle } });

/** The public moderation log, from a cursor. */
export const publicLogQuery = (cursor?: string) =>
  contractQuery(
    queryKeys.moderation.publicLogFrom(cursor ?? null),
    memberModerationApi.publicLog,
    { query: { cursor } },
    true,
  );

/** Search results for the results page's address (its filters, `in=` the content language). */
export const searchQuery = (search: URLSearchParams) => {
  const query = searchParamsOf(search);
  const normalized = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  ).toString();
  return contractQuery(queryKeys.search.results(normalized), searchApi.search, { query }, true);
};

/** The directory for its page's address (search, facets, sort; not the interface language). */
export const membersQuery = (params: URLSearchParams) => {
  const search = new URLSearchParams(params);
  search.delete(LANGUAGE_PARAM);
  const query = directoryQuery(search.toString());
  return contractQuery(queryKeys.directory.members(search.toString()), directoryApi.list, { query }, true);
};
