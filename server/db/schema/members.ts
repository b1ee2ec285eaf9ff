import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { LOCALES, MEMBER_STATUSES, ROLES, SECTORS, THEMES } from '@shared/constants';
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
    role: text('role', { enum: ROLES }).notNull().default('member'),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('active'),
    locale: text('locale', { enum: LOCALES }).notNull().default('es'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** While `status` is `suspended`: when the suspension ends (null: indefinitely) and why. */
    suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
    /** Null for accounts created from a provider's claims until the member has reviewed their profile. */
    profileCompletedAt: timestamp('profile_completed_at', { withTimezone: true }).defaultNow(),
    /** While membership needs approval: why the applicant wants to join, as written at registration. */
    applicationNote: text('application_note'),
    /** A declined application: the account stays pending (it reads, never writes) and leaves the list. */
    applicationDeclinedAt: timestamp('application_declined_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('members_email_key').on(t.email),
    uniqueIndex('members_handle_key').on(t.handle),
    check('members_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('members_handle_format', sql`${t.handle} ~ '^[a-z0-9_]{3,30}$'`),
    check('members_display_name_length', sql`char_length(${t.displayName}) between 2 and 80`),
    check('members_role_valid', sql`${t.role} in (${inList(ROLES)})`),
    check('members_status_valid', sql`${t.status} in (${inList(MEMBER_STATUSES)})`),
    check('members_locale_valid', sql`${t.locale} in (${LOCALE_LIST})`),
    check(
      'members_suspension_consistent',
      sql`${t.status} = 'suspended' or (${t.suspendedUntil} is null and ${t.suspensionReason} is null)`,
    ),
    check('members_suspension_reason_length', sql`char_length(${t.suspensionReason}) <= 500`),
    check('members_application_note_length', sql`char_length(${t.applicationNote}) <= 1000`),
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
    governmentLevel: text('government_level', { enum: ['national', 'subnational', 'local'] }),
    city: text('city'),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    bioSource: text('bio_source').notNull().default(''),
    bioHtml: text('bio_html').notNull().default(''),
    links: jsonb('links').$type<{ url: string; label?: string | null }[]>().notNull().default([]),
    openToExchange: boolean('open_to_exchange').notNull().default(false),
    avatarKey: text('avatar_key'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedRole: text('verified_role'),
    /** Per-field visibility overrides; a field absent here has its default (shared DEFAULT_VISIBILITY). */
    visibility: jsonb('visibility').$type<Record<string, string>>().notNull().default({}),
    hiddenFromDirectory: boolean('hidden_from_directory').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'profiles_government_level_valid',
      sql`${t.governmentLevel} is null or (${t.governmentLevel} in (${inList(['national', 'subnational', 'local'])}) and ${t.sector} = 'government')`,
    ),
    check('profiles_themes_valid', sql`${t.themes} <@ array[${inList(THEMES)}]::text[]`),
    check('profiles_tags_count', sql`cardinality(${t.tags}) <= 10`),
    check(
      'profiles_languages_valid',
      sql`cardinality(${t.languages}) <= 10 and array_to_string(${t.languages}, ',') ~ '^([a-z]{2}(,|$))*$'`,
    ),
    check(
      'profiles_links_array',
      sql`jsonb_typeof(${t.links}) = 'array' and jsonb_array_length(${t.links}) <= 5`,
    ),
    check('profiles_visibility_object', sql`jsonb_typeof(${t.visibility}) = 'object'`),
    check('profiles_verified_consistent', sql`(${t.verifiedAt} is null) = (${t.verifiedRole} is null)`),
    check('profiles_avatar_key_format', sql`${t.avatarKey} ~ '^[a-f0-9]{32}$'`),
    check('profiles_headline_length', sql`char_length(${t.headline}) <= 120`),
    check('profiles_organization_length', sql`char_length(${t.organization}) <= 120`),
    check('profiles_city_length', sql`char_length(${t.city}) <= 80`),
    check('profiles_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('profiles_sector_valid', sql`${t.sector} in (${inList(SECTORS)})`),
    index('profiles_country_idx').on(t.country),
    index('profiles_themes_idx').using('gin', t.themes),
    index('profiles_languages_idx').using('gin', t.languages),
  ],
);
