import { z } from '../zod';
import { idParams, route } from '../contract';
import { LOCALES } from '../constants';

/** Who may read a category's threads. */
export const READ_ACCESS = ['public', 'members', 'moderators'] as const;
/** A category's read access. */
export type ReadAccess = (typeof READ_ACCESS)[number];

/** A category as listed to readers, named in the request's language. */
export const categoryDto = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  /** Language the name and description are in (the request's, or the category's default as a fallback). */
  lang: z.string(),
  position: z.number().int(),
  readAccess: z.enum(READ_ACCESS),
  archived: z.boolean(),
});
/** A category as listed to readers. */
export type CategoryDto = z.infer<typeof categoryDto>;

/** One language's text of a category. */
export const categoryText = z.object({ name: z.string(), description: z.string() });
/** One language's text of a category. */
export type CategoryText = z.infer<typeof categoryText>;

/** A category as administrators edit it: its default language and its text in every language it has. */
export const adminCategoryDto = categoryDto.extend({
  defaultLocale: z.enum(LOCALES),
  translations: z.partialRecord(z.enum(LOCALES), categoryText),
});
/** A category as administrators edit it. */
export type AdminCategoryDto = z.infer<typeof adminCategoryDto>;

/** `GET /api/v1/admin/categories` (admins): every category, archived ones included. */
export const adminCategoryListResponse = z.object({ items: z.array(adminCategoryDto) });
/** `GET /api/v1/admin/categories` */
export type AdminCategoryListResponse = z.infer<typeof adminCategoryListResponse>;

/** `GET /api/v1/categories` */
export const categoryListResponse = z.object({ items: z.array(categoryDto) });
/** `GET /api/v1/categories` */
export type CategoryListResponse = z.infer<typeof categoryListResponse>;

/** `GET /api/v1/categories/:slug`, `POST /api/v1/categories`, `PATCH /api/v1/categories/:id` */
export const categoryResponse = z.object({ category: categoryDto });
/** `GET /api/v1/categories/:slug`, `POST /api/v1/categories`, `PATCH /api/v1/categories/:id` */
export type CategoryResponse = z.infer<typeof categoryResponse>;

/** A category named by its slug in a path; a value no slug could be names nothing (404). */
export const categorySlugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) });

/**
 * Query of `GET /api/v1/categories`: `archived=true` also lists archived categories (for admins; others
 * get the active ones); any other value is ignored.
 */
export const categoryListQuerySchema = z.object({
  archived: z.enum(['true', 'false']).optional().catch(undefined),
});

const translation = z.strictObject({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
});

const translations = z
  .partialRecord(z.enum(LOCALES), translation)
  .refine((value) => Object.keys(value).length > 0, { message: 'required' });

/** `POST /api/v1/categories` (admins): the default language's text is required, others fall back to it. */
export const createCategorySchema = z
  .strictObject({
    slug: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    defaultLocale: z.enum(LOCALES).default('es'),
    position: z.number().int().min(0).max(10_000).optional(),
    readAccess: z.enum(READ_ACCESS).default('public'),
    translations,
  })
  .refine((b) => b.translations[b.defaultLocale] !== undefined, { path: ['translations'] });
/** Body of `POST /api/v1/categories`. */
export type CreateCategoryRequest = z.input<typeof createCategorySchema>;

/** `PATCH /api/v1/categories/:id` (admins): edit, reorder, archive or restore. */
export const updateCategorySchema = z
  .strictObject({
    position: z.number().int().min(0).max(10_000).optional(),
    defaultLocale: z.enum(LOCALES).optional(),
    readAccess: z.enum(READ_ACCESS).optional(),
    archived: z.boolean().optional(),
    translations: translations.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { path: ['_'] });
/** Body of `PATCH /api/v1/categories/:id`. */
export type UpdateCategoryRequest = z.input<typeof updateCategorySchema>;

/** Categories: reading them in the request's language, and their administration. */
export const categoryApi = {
  list: route({
    method: 'GET',
    path: '/categories',
    summary: 'Categories the reader may read, in the request\u2019s language.',
    access: 'public',
    query: categoryListQuerySchema,
    response: categoryListResponse,
  }),
  get: route({
    method: 'GET',
    path: '/categories/:slug',
    summary: 'One category the reader may read, archived ones included.',
    access: 'public',
    params: categorySlugParams,
    response: categoryResponse,
  }),
  adminList: route({
    method: 'GET',
    path: '/admin/categories',
    summary: 'Every category with its text in every language, archived ones included (admins).',
    access: 'staff',
    response: adminCategoryListResponse,
  }),
  create: route({
    method: 'POST',
    path: '/categories',
    summary: 'Creates a category (admins).',
    access: 'staff',
    body: createCategorySchema,
    response: categoryResponse,
    status: 201,
    errors: ['category_slug_taken'],
  }),
  update: route({
    method: 'PATCH',
    path: '/categories/:id',
    summary: 'Edits, reorders, archives or restores a category (admins).',
    access: 'staff',
    params: idParams,
    body: updateCategorySchema,
    response: categoryResponse,
  }),
};
