import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { categories, categoryTranslations } from '@server/db/schema';
import type { Locale } from '@shared/constants';

/** A category with its text in the wanted language, or in its default language when that is missing. */
export interface CategoryRow {
  id: string;
  slug: string;
  position: number;
  name: string;
  description: string;
  lang: Locale;
  readAccess: 'public' | 'members' | 'moderators';
  archived: boolean;
  defaultLocale: Locale;
}

/**
 * Categories in display order, named in `locale` with a fallback to each one's default language: the
 * active ones with one of the `access` levels, and archived ones too when asked (administration).
 */
export async function listCategories(
  db: Executor,
  locale: Locale,
  options: { access?: readonly string[]; includeArchived?: boolean; slug?: string } = {},
): Promise<CategoryRow[]> {
  const wanted = db
    .select()
    .from(categoryTranslations)
    .where(eq(categoryTranslations.locale, locale))
    .as('wanted');
  const fallback = db.select().from(categoryTranslations).as('fallback');
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      position: categories.position,
      name: sql<string>`coalesce(${wanted.name}, ${fallback.name})`,
      description: sql<string>`coalesce(${wanted.description}, ${fallback.description})`,
      lang: sql<Locale>`coalesce(${wanted.locale}, ${fallback.locale})`,
      readAccess: categories.readAccess,
      archived: sql<boolean>`${categories.archivedAt} is not null`,
      defaultLocale: categories.defaultLocale,
    })
    .from(categories)
    .leftJoin(wanted, eq(wanted.categoryId, categories.id))
    .innerJoin(
      fallback,
      and(eq(fallback.categoryId, categories.id), eq(fallback.locale, categories.defaultLocale)),
    )
    .where(
      and(
        options.includeArchived ? undefined : isNull(categories.archivedAt),
        options.access
          ? inArray(categories.readAccess, options.access as CategoryRow['readAccess'][])
          : undefined,
        options.slug ? eq(categories.slug, options.slug) : undefined,
      ),
    )
    .orderBy(asc(categories.position), asc(categories.slug));
}

/** One category's text in one language. */
export interface CategoryTranslationInput {
  locale: Locale;
  name: string;
  description: string;
}

/** Inserts a category with its translations; call inside a transaction. */
export async function insertCategory(
  tx: Executor,
  input: { slug: string; position: number; defaultLocale: Locale; translations: CategoryTranslationInput[] },
): Promise<string> {
  const [row] = await tx
    .insert(categories)
    .values({ slug: input.slug, position: input.position, defaultLocale: input.defaultLocale })
    .returning({ id: categories.id });
  if (!row) throw new Error('insert returned no row');
  await tx.insert(categoryTranslations).values(input.translations.map((t) => ({ ...t, categoryId: row.id })));
  return row.id;
}

/** A category's own fields (not its text). */
export type CategoryRecord = typeof categories.$inferSelect;

/** One category by slug, archived ones included. */
export async function findCategoryBySlug(db: Executor, slug: string): Promise<CategoryRecord | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug)).limit(1);
  return row;
}

/** One category by id, archived ones included. */
export async function findCategoryById(db: Executor, id: string): Promise<CategoryRecord | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
  return row;
}

/** Changes a category's own fields. */
export async function updateCategory(
  tx: Executor,
  id: string,
  changes: Partial<Pick<CategoryRecord, 'slug' | 'position' | 'defaultLocale' | 'readAccess' | 'archivedAt'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await tx.update(categories).set(changes).where(eq(categories.id, id));
}

/** Writes a category's text in some languages, replacing what was there. */
export async function upsertCategoryTranslations(
  tx: Executor,
  categoryId: string,
  translations: CategoryTranslationInput[],
): Promise<void> {
  for (const t of translations) {
    await tx
      .insert(categoryTranslations)
      .values({ ...t, categoryId })
      .onConflictDoUpdate({
        target: [categoryTranslations.categoryId, categoryTranslations.locale],
        set: { name: t.name, description: t.description },
      });
  }
}

/** The languages a category has a name in. */
export async function categoryLocales(db: Executor, categoryId: string): Promise<Locale[]> {
  const rows = await db
    .select({ locale: categoryTranslations.locale })
    .from(categoryTranslations)
    .where(eq(categoryTranslations.categoryId, categoryId));
  return rows.map((row) => row.locale);
}

/** Every category's text in every language it has, for administration. */
export async function listAllCategoryTranslations(db: Executor) {
  return db
    .select({
      categoryId: categoryTranslations.categoryId,
      locale: categoryTranslations.locale,
      name: categoryTranslations.name,
      description: categoryTranslations.description,
    })
    .from(categoryTranslations);
}
