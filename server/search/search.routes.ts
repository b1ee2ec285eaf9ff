import { Router } from 'express';
import {
  searchQuerySchema,
  suggestQuerySchema,
  type SearchResponse,
  type SuggestResponse,
} from '@shared/api/search';
import { parseInput } from '@server/http/validate';
import type { SearchService } from './search.service';

/** Search across threads, posts and members, and suggestions for the header box. */
export function searchRoutes(search: SearchService): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const query = parseInput(searchQuerySchema, req.query);
    const body: SearchResponse = await search.search(req.user, query);
    res.json(body);
  });

  router.get('/search/suggest', async (req, res) => {
    const { q } = parseInput(suggestQuerySchema, req.query);
    const body: SuggestResponse = await search.suggest(req.user, q);
    res.json(body);
  });

  return router;
}
