import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, LOCALE_LIST } from './columns';

/** Forum categories; their names live in `category_translations`. */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    position: integer('position').notNull().default(0),
    defaultLocale: text('default_locale', { enum: ['es', 'pt', 'en', 'fr'] })
      .notNull()
      .default('es'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    check('categories_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('categories_default_locale_valid', sql`${t.defaultLocale} in (${LOCALE_LIST})`),
  ],
);

/** A category's name and description in one language. */
export const categoryTranslations = pgTable(
  'category_translations',
  {
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    locale: text('locale', { enum: ['es', 'pt', 'en', 'fr'] }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.categoryId, t.locale] }),
    check('category_translations_locale_valid', sql`${t.locale} in (${LOCALE_LIST})`),
    check('category_translations_name_length', sql`char_length(${t.name}) between 1 and 80`),
  ],
);
