import { AppError, forbidden, notFound, validationError } from '@server/errors';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/pool';
import { recordEvent } from '@server/events';
import type { MemberRow } from '@server/members';
import type { Locale } from '@shared/constants';
import type { ReadAccess } from '@shared/api/categories';
import type { createCategorySchema, updateCategorySchema } from '@shared/api/categories';
import type { z } from 'zod';
import { actorOf, canRead, readableAccess } from './thread.policy';
import {
  categoryLocales,
  findCategoryById,
  findCategoryBySlug,
  insertCategory,
  listAllCategoryTranslations,
  listCategories,
  updateCategory,
  upsertCategoryTranslations,
  type CategoryRow,
  type CategoryTranslationInput,
} from './category.queries';

type Translations = z.output<typeof createCategorySchema>['translations'];

function translationList(translations: Translations): CategoryTranslationInput[] {
  return Object.entries(translations).map(([locale, text]) => ({
    locale: locale as Locale,
    name: text.name,
    description: text.description,
  }));
}

function assertAdmin(member: MemberRow): void {
  if (member.role !== 'admin' || member.status !== 'active') throw forbidden();
}

/** Categories: reading them (by access), and their curation by admins. */
export function createCategoryService(db: Database) {
  const one = async (locale: Locale, slug: string, access?: readonly string[], includeArchived = false) =>
    (await listCategories(db, locale, { slug, access, includeArchived }))[0];

  return {
    /** Active categories the reader may read, in `locale`; admins may ask for archived ones too. */
    list(locale: Locale, reader?: MemberRow | null, includeArchived = false) {
      const actor = actorOf(reader);
      return listCategories(db, locale, {
        access: readableAccess(actor),
        includeArchived: includeArchived && reader?.role === 'admin',
      });
    },

    /** Every category with its text in every language, archived ones included: admins only. */
    async listForAdmin(member: MemberRow, locale: Locale) {
      assertAdmin(member);
      const [rows, texts] = await Promise.all([
        listCategories(db, locale, { includeArchived: true }),
        listAllCategoryTranslations(db),
      ]);
      const byCategory = new Map<string, Partial<Record<Locale, { name: string; description: string }>>>();
      for (const text of texts) {
        const entry = byCategory.get(text.categoryId) ?? {};
        entry[text.locale] = { name: text.name, description: text.description };
        byCategory.set(text.categoryId, entry);
      }
      return rows.map((row) => ({ row, translations: byCategory.get(row.id) ?? {} }));
    },

    /** One category the reader may read (archived ones stay readable), or 404. */
    async get(locale: Locale, slug: string, reader: MemberRow | null): Promise<CategoryRow> {
      const row = await one(locale, slug, undefined, true);
      if (!row || !canRead(actorOf(reader), row.readAccess, row.id)) throw notFound();
      return row;
    },

    /** The category's own record, for services that check access and state. */
    findBySlug(slug: string) {
      return findCategoryBySlug(db, slug);
    },

    /** The category's own record by id. */
    findById(id: string) {
      return findCategoryById(db, id);
    },

    /** Creates a category with its names; used by the seed. */
    create(input: {
      slug: string;
      position: number;
      defaultLocale: Locale;
      readAccess?: ReadAccess;
      translations: CategoryTranslationInput[];
    }) {
      return db.transaction(async (tx) => {
        const id = await insertCategory(tx, input);
        if (input.readAccess) await updateCategory(tx, id, { readAccess: input.readAccess });
        return id;
      });
    },

    /** An admin creates a category. */
    async createByAdmin(
      member: MemberRow,
      input: z.output<typeof createCategorySchema>,
      locale: Locale,
    ): Promise<CategoryRow> {
      assertAdmin(member);
      const position = input.position ?? (await listCategories(db, 'es', { includeArchived: true })).length;
      try {
        await db.transaction(async (tx) => {
          const id = await insertCategory(tx, {
            slug: input.slug,
            position,
            defaultLocale: input.defaultLocale,
            translations: translationList(input.translations),
          });
          await updateCategory(tx, id, { readAccess: input.readAccess });
          recordEvent(tx, { type: 'category.changed', categoryId: id });
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError(409, 'category_slug_taken', { fields: { slug: { code: 'slug_taken' } } });
        }
        throw error;
      }
      const row = await one(locale, input.slug, undefined, true);
      if (!row) throw notFound();
      return row;
    },

    /** An admin edits, reorders, archives or restores a category. */
    async updateByAdmin(
      member: MemberRow,
      id: string,
      input: z.output<typeof updateCategorySchema>,
      locale: Locale,
    ): Promise<CategoryRow> {
      assertAdmin(member);
      const existing = await findCategoryById(db, id);
      if (!existing) throw notFound();
      if (input.defaultLocale) {
        // The default language is every reader's fallback: the category must be named in it.
        const named = new Set([...(await categoryLocales(db, id)), ...Object.keys(input.translations ?? {})]);
        if (!named.has(input.defaultLocale))
          throw validationError({ defaultLocale: { code: 'invalid_value' } });
      }
      await db.transaction(async (tx) => {
        await updateCategory(tx, id, {
          ...(input.position !== undefined && { position: input.position }),
          ...(input.defaultLocale && { defaultLocale: input.defaultLocale }),
          ...(input.readAccess && { readAccess: input.readAccess }),
          ...(input.archived !== undefined && { archivedAt: input.archived ? new Date() : null }),
        });
        if (input.translations) await upsertCategoryTranslations(tx, id, translationList(input.translations));
        // Narrower read access reaches the live rooms of the category's threads: watchers who may no
        // longer read them are taken out before anything more is posted there.
        recordEvent(tx, { type: 'category.changed', categoryId: id });
        if (input.readAccess) recordEvent(tx, { type: 'category.access.changed', categoryId: id });
      });
      const row = await one(locale, existing.slug, undefined, true);
      if (!row) throw notFound();
      return row;
    },
  };
}

/** The category service. */
export type CategoryService = ReturnType<typeof createCategoryService>;
