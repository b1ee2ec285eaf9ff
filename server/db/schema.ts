/**
 * The relational schema. Migrations under `migrations/` are generated from this file by drizzle-kit
 * (`npm run migrate:generate`), reviewed, committed, and never edited after they land.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

const LOCALE_LIST = inList(['es', 'pt', 'en', 'fr']);

/** Accounts: one row per person who registered. */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['member', 'moderator', 'admin'] })
      .notNull()
      .default('member'),
    status: text('status', { enum: ['pending', 'active', 'suspended'] })
      .notNull()
      .default('active'),
    locale: text('locale', { enum: ['es', 'pt', 'en', 'fr'] })
      .notNull()
      .default('es'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('members_email_key').on(t.email),
    uniqueIndex('members_handle_key').on(t.handle),
    check('members_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('members_handle_format', sql`${t.handle} ~ '^[a-z0-9_]{3,30}$'`),
    check('members_display_name_length', sql`char_length(${t.displayName}) between 2 and 80`),
    check('members_role_valid', sql`${t.role} in (${inList(['member', 'moderator', 'admin'])})`),
    check('members_status_valid', sql`${t.status} in (${inList(['pending', 'active', 'suspended'])})`),
    check('members_locale_valid', sql`${t.locale} in (${LOCALE_LIST})`),
  ],
);

/** The public side of a member: where they work and where they are. Extended by the directory. */
export const profiles = pgTable(
  'profiles',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    country: varchar('country', { length: 2 }),
    sector: text('sector'),
    organization: text('organization'),
    headline: text('headline'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('profiles_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check(
      'profiles_sector_valid',
      sql`${t.sector} in (${inList([
        'government',
        'civil-society',
        'business',
        'academia',
        'international-organization',
        'other',
      ])})`,
    ),
    index('profiles_country_idx').on(t.country),
  ],
);

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

/**
 * Sessions, in the layout connect-pg-simple expects. `member_id` is derived from the session so that a
 * member's sessions can be listed and ended without parsing JSON.
 */
export const sessions = pgTable(
  'session',
  {
    sid: varchar('sid').primaryKey(),
    sess: json('sess').notNull(),
    expire: timestamp('expire', { precision: 6 }).notNull(),
    memberId: uuid('member_id').generatedAlwaysAs(sql`((sess -> 'passport' ->> 'user')::uuid)`),
  },
  (t) => [index('session_expire_idx').on(t.expire), index('session_member_idx').on(t.memberId)],
);
