/**
 * The public module of the syndication feature: robots.txt, sitemaps, Atom feeds and link-preview
 * images of public content. The composition root mounts its module; nothing else imports it.
 */
export { syndicationModule } from './syndication.module';
export { SITEMAP_MAX_URLS, type SyndicationDeps } from './syndication.service';
