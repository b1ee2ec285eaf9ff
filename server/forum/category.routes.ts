import { Router } from 'express';
import type { CategoryListResponse } from '@shared/api/categories';
import type { CategoryService } from './category.service';
import { presentCategory } from './category.presenter';

/** `GET /api/v1/categories`: public, named in the request's language. */
export function categoryRoutes(categories: CategoryService): Router {
  const router = Router();
  router.get('/categories', async (req, res) => {
    const rows = await categories.list(req.locale);
    const body: CategoryListResponse = { items: rows.map(presentCategory) };
    res.json(body);
  });
  return router;
}
