import type { searchApi } from '@shared/api/search';
import type { RouteHandlers } from '@server/http/mount';
import type { SearchService } from './search.service';

/** Search across threads, posts and members, and suggestions for the header box. */
export function searchHandlers(search: SearchService): RouteHandlers<typeof searchApi> {
  return {
    search: ({ member, query }) => search.search(member, query),
    suggest: ({ member, query }) => search.suggest(member, query.q),
  };
}
