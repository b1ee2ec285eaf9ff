import { matchPath } from 'react-router';
import type { Locale } from '@shared/constants';
import { PATHS } from '@shared/routes';
import type { ContractQuery } from '@client/api/contractQuery';
import {
  categoriesQuery,
  categoryQuery,
  featuredQuery,
  memberQuery,
  membersQuery,
  publicLogQuery,
  searchQuery,
  threadListQuery,
  threadPageQuery,
} from '@client/api/publicQueries';
import { sortOf } from '@client/features/forum/ThreadList';
import { viewOf } from '@client/features/forum/threadAddress';

/** The public pages whose content the server renders, and what each reads. */
export type PublicPageKind =
  'home' | 'latest' | 'category' | 'thread' | 'member' | 'moderationLog' | 'search' | 'directory';

/** Where a page was asked for: its path's parameters and its query string. */
export interface PageAddress {
  params: Record<string, string>;
  search: URLSearchParams;
  locale: Locale;
}

/** A public page: its path in `PATHS` and the reads it shows, the first being what the page is about. */
export interface PublicPage {
  kind: PublicPageKind;
  path: string;
  queries: (address: PageAddress) => ContractQuery[];
}

const cursorOf = (search: URLSearchParams) => search.get('cursor') ?? undefined;

/**
 * The reads of each public page, exactly as its components make them (the same query constructors), so
 * what the server fills in is what the page reads in the browser.
 */
export const PUBLIC_PAGES: readonly PublicPage[] = [
  {
    kind: 'home',
    path: PATHS.home,
    queries: ({ locale }) => [categoriesQuery(locale), featuredQuery(locale)],
  },
  {
    kind: 'latest',
    path: PATHS.latest,
    queries: ({ search, locale }) => [
      threadListQuery(null, sortOf(search.get('sort')), locale, cursorOf(search)),
    ],
  },
  {
    kind: 'category',
    path: PATHS.category,
    queries: ({ params, search, locale }) => [
      categoryQuery(params.slug ?? '', locale),
      threadListQuery(params.slug ?? '', sortOf(search.get('sort')), locale, cursorOf(search)),
    ],
  },
  {
    kind: 'thread',
    path: PATHS.thread,
    queries: ({ params, search }) => [
      threadPageQuery(params.id ?? '', viewOf(search.get('view')), cursorOf(search)),
    ],
  },
  {
    kind: 'member',
    path: PATHS.member,
    queries: ({ params }) => [memberQuery(params.handle ?? '')],
  },
  {
    kind: 'directory',
    path: PATHS.directory,
    queries: ({ search }) => [membersQuery(search)],
  },
  {
    kind: 'search',
    path: PATHS.search,
    // Without words there is nothing to search: the page shows the form (and the filters' categories).
    queries: ({ search, locale }) =>
      search.get('q')?.trim() ? [searchQuery(search), categoriesQuery(locale)] : [categoriesQuery(locale)],
  },
  {
    kind: 'moderationLog',
    path: PATHS.moderationLog,
    queries: ({ search }) => [publicLogQuery(cursorOf(search))],
  },
];

/** The public page at a path, with its parameters. */
export function matchPublicPage(
  pathname: string,
): { page: PublicPage; params: Record<string, string> } | undefined {
  for (const page of PUBLIC_PAGES) {
    const match = matchPath({ path: page.path, end: true }, pathname);
    if (match) return { page, params: match.params as Record<string, string> };
  }
  return undefined;
}
