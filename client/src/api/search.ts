import { searchApi, searchQuerySchema, type SearchParams } from '@shared/api/search';
import { call } from './call';

/** The parameters a search takes; whatever else a URL carries is not the API's. */
const SEARCH_KEYS = Object.keys(searchQuerySchema.shape);

/**
 * The results page's address names the content language `in` (`?in=fr`): `lang` in a page's address is
 * the interface language (shared/routes.ts `LANGUAGE_PARAM`). The API's parameter stays `lang`.
 */
export const CONTENT_LANGUAGE_PARAM = 'in';

/**
 * A search query from a URL query string as the results page keeps it: the first value of each
 * parameter the search takes, as written. Nothing is checked here: the server validates the query and
 * answers 400 for a bad value, which the page shows.
 */
export function searchParamsOf(search: string | URLSearchParams): SearchParams {
  const url = new URLSearchParams(search);
  const query: Record<string, string> = {};
  for (const key of SEARCH_KEYS) {
    const value = url.get(key === 'lang' ? CONTENT_LANGUAGE_PARAM : key);
    if (value !== null) query[key] = value;
  }
  return query as SearchParams;
}

/** Searches with the results page's URL parameters as they are (`q=…&type=…&…`). */
export const searchContent = (search: string) => call(searchApi.search, { query: searchParamsOf(search) });

/** Suggestions for the header's search box. */
export const suggest = (q: string) => call(searchApi.suggest, { query: { q } });
