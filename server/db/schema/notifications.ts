import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, inList } from './columns';
import { members } from './members';
import { NOTIFICATION_KINDS } from '@shared/api/notifications';

/** In-app notifications; several events about the same thread collapse into one row (`group_key`). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** Same key while unread → same row (e.g. `mention:thread:<id>`). */
    groupKey: text('group_key').notNull(),
    actorId: uuid('actor_id').references(() => members.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    link: text('link').notNull(),
    count: integer('count').notNull().default(1),
    /** The post or message that last touched the row (live delivery finds the rows an event wrote). */
    sourceId: uuid('source_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_member_updated_idx').on(t.memberId, t.updatedAt, t.id),
    index('notifications_source_idx').on(t.sourceId),
    uniqueIndex('notifications_unread_group_key')
      .on(t.memberId, t.groupKey)
      .where(sql`${t.readAt} is null`),
    check('notifications_kind_valid', sql`${t.kind} in (${inList(NOTIFICATION_KINDS)})`),
    check('notifications_count_positive', sql`${t.count} > 0`),
  ],
);

/** A member's delivery choice per kind (absent → the default), digest frequency and time zone. */
export const notificationSettings = pgTable('notification_settings', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  kinds: jsonb('kinds').$type<Record<string, string>>().notNull().default({}),
  digest: text('digest', { enum: ['daily', 'weekly'] })
    .notNull()
    .default('daily'),
  timeZone: text('time_zone').notNull().default('America/Bogota'),
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
});

/**
 * E-mails to send, written in the transaction of the event that causes them. The worker claims a row
 * (lease), sends it with its id as Message-ID, and marks it sent; a row is never sent after `sent_at`.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Kind for unsubscribe links (null for account e-mails). */
    kind: text('kind'),
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    skippedAt: timestamp('skipped_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mail_outbox_pending_idx')
      .on(t.sendAfter)
      .where(sql`${t.sentAt} is null and ${t.skippedAt} is null`),
  ],
);

/** Single-use account tokens (verification, reset, e-mail change), stored as SHA-256 hashes. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify', 'reset', 'email_change'] }).notNull(),
    /** New address for `email_change`. */
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('account_tokens_member_idx').on(t.memberId, t.purpose),
    check('account_tokens_purpose_valid', sql`${t.purpose} in ('verify', 'reset', 'email_change')`),
  ],
);
