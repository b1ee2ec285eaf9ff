import type { categoryApi } from '@shared/api/categories';
import type { RouteHandlers } from '@server/http/mount';
import type { CategoryService } from './category.service';
import { presentAdminCategory, presentCategory } from './category.presenter';

/**
 * Categories: public reading in the request's language; creation and curation by admins, through the
 * staff guard (a second factor enrolled) before the service checks the admin role.
 */
export function categoryHandlers(categories: CategoryService): RouteHandlers<typeof categoryApi> {
  return {
    list: async ({ query, member, req }) => {
      const rows = await categories.list(req.locale, member ?? null, query.archived === 'true');
      return { items: rows.map(presentCategory) };
    },
    get: async ({ params, member, req }) => ({
      category: presentCategory(await categories.get(req.locale, params.slug, member ?? null)),
    }),
    adminList: async ({ member, req }) => {
      const rows = await categories.listForAdmin(member, req.locale);
      return { items: rows.map(({ row, translations }) => presentAdminCategory(row, translations)) };
    },
    create: async ({ member, body, req }) => ({
      category: presentCategory(await categories.createByAdmin(member, body, req.locale)),
    }),
    update: async ({ member, params, body, req }) => {
      const row = await categories.updateByAdmin(member, params.id, body, req.locale);
      return { category: presentCategory(row) };
    },
  };
}
