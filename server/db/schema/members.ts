import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, inList, LOCALE_LIST } from './columns';

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
    /** Null for accounts created from a provider's claims until the member has reviewed their profile. */
    profileCompletedAt: timestamp('profile_completed_at', { withTimezone: true }).defaultNow(),
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
