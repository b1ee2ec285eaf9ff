/**
 * The public surface of search: full-text search over threads, posts and members.
 * Other features import only from here (`@server/search`), never its queries, routes or tables;
 * the route handler factories and socket registrations are here for the composition root.
 */
export { searchHandlers } from './search.routes';
export { createSearchService, type SearchService } from './search.service';
