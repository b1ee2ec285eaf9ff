import { z } from 'zod';
import { LOCALES, type Locale } from '../constants';

/** Who may read a category's threads. */
export const READ_ACCESS = ['public', 'members', 'moderators'] as const;
/** A category's read access. */
export type ReadAccess = (typeof READ_ACCESS)[number];

/** A category as listed to readers, named in the request's language. */
export interface CategoryDto {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Language the name and description are in (the request's, or the category's default as a fallback). */
  lang: string;
  position: number;
  readAccess: ReadAccess;
  archived: boolean;
}

/** One language's text of a category. */
export interface CategoryText {
  name: string;
  description: string;
}

/** A category as administrators edit it: its default language and its text in every language it has. */
export interface AdminCategoryDto extends CategoryDto {
  defaultLocale: Locale;
  translations: Partial<Record<Locale, CategoryText>>;
}

/** `GET /api/v1/admin/categories` (admins): every category, archived ones included. */
export interface AdminCategoryListResponse {
  items: AdminCategoryDto[];
}

/** `GET /api/v1/categories` */
export interface CategoryListResponse {
  items: CategoryDto[];
}

/** `GET /api/v1/categories/:slug`, `POST /api/v1/categories`, `PATCH /api/v1/categories/:id` */
export interface CategoryResponse {
  category: CategoryDto;
}

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
