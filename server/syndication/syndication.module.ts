import type { FeatureModule } from '@server/http/module';
import { createSyndicationService, type SyndicationDeps } from './syndication.service';
import { syndicationRoutes } from './syndication.routes';

/**
 * Syndication: what search engines and link sharing read of the public forum (robots.txt, sitemaps,
 * Atom feeds, link-preview images). Pages only: no API, no sockets, no data of its own.
 */
export function syndicationModule(deps: SyndicationDeps): FeatureModule {
  return {
    name: 'syndication',
    routes: [],
    pages: [{ handler: syndicationRoutes(createSyndicationService(deps)) }],
  };
}
