/**
 * The public module of the search feature: full-text search over threads, posts and members. Other features
 * import only from here (`@server/search`), never its queries, routes or tables; the composition root
 * imports its route handler factories and socket registrations from here too.
 */
export { searchHandlers } from './search.routes';
export { createSearchService, type SearchService } from './search.service';
