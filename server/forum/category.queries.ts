import { and, asc, eq, isNull, sql } from 'drizzle-orm';
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
}

/** Active categories in display order, named in `locale` with a fallback to each one's default language. */
export async function listCategories(db: Executor, locale: Locale): Promise<CategoryRow[]> {
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
    })
    .from(categories)
    .leftJoin(wanted, eq(wanted.categoryId, categories.id))
    .innerJoin(
      fallback,
      and(eq(fallback.categoryId, categories.id), eq(fallback.locale, categories.defaultLocale)),
    )
    .where(isNull(categories.archivedAt))
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
