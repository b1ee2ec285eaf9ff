import { Router } from 'express';
import {
  type AdminCategoryListResponse,
  createCategorySchema,
  updateCategorySchema,
  type CategoryListResponse,
  type CategoryResponse,
} from '@shared/api/categories';
import { parseInput } from '@server/http/validate';
import { currentMember, requireStaff, type SecondFactorCheck } from '@server/http/guards';
import type { CategoryService } from './category.service';
import { presentAdminCategory, presentCategory } from './category.presenter';
import type { Broadcaster } from '@server/realtime/broadcast';
import { idParam, slugParam } from './forum.http';

/**
 * Categories: public reading in the request's language; creation and curation by admins, through the
 * staff guard (a second factor enrolled) before the service checks the admin role.
 */
export function categoryRoutes(
  categories: CategoryService,
  twoFactor: SecondFactorCheck,
  broadcaster: Broadcaster,
): Router {
  const router = Router();
  const staff = requireStaff(twoFactor);
  router.get('/categories', async (req, res) => {
    const rows = await categories.list(req.locale, req.user ?? null, req.query.archived === 'true');
    const body: CategoryListResponse = { items: rows.map(presentCategory) };
    res.json(body);
  });

  router.get('/categories/:slug', async (req, res) => {
    const row = await categories.get(req.locale, slugParam(req), req.user ?? null);
    const body: CategoryResponse = { category: presentCategory(row) };
    res.json(body);
  });

  router.get('/admin/categories', staff, async (req, res) => {
    const rows = await categories.listForAdmin(currentMember(req), req.locale);
    const body: AdminCategoryListResponse = {
      items: rows.map(({ row, translations }) => presentAdminCategory(row, translations)),
    };
    res.json(body);
  });

  router.post('/categories', staff, async (req, res) => {
    const input = parseInput(createCategorySchema, req.body);
    const row = await categories.createByAdmin(currentMember(req), input, req.locale);
    const body: CategoryResponse = { category: presentCategory(row) };
    res.status(201).json(body);
  });

  router.patch('/categories/:id', staff, async (req, res) => {
    const input = parseInput(updateCategorySchema, req.body);
    const row = await categories.updateByAdmin(currentMember(req), idParam(req), input, req.locale);
    // Narrower read access reaches the live rooms of the category's threads: watchers who may no
    // longer read them are taken out before anything more is posted there.
    if (input.readAccess) await broadcaster.revalidateKind('thread');
    const body: CategoryResponse = { category: presentCategory(row) };
    res.json(body);
  });
  return router;
}
