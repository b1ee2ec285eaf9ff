import { searchApi } from '@shared/api/search';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { SearchService } from './search.service';
import { searchHandlers } from './search.routes';

/** Search across threads, posts and members. */
export function searchModule(deps: { search: SearchService }): FeatureModule {
  return { name: 'search', routes: [apiRoutes(searchApi, searchHandlers(deps.search))] };
}
