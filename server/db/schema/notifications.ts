import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, inList } from './columns';
import { members } from './members';
import { DIGEST_FREQUENCIES, NOTIFICATION_KINDS } from '@shared/api/notifications';

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
  /** `off`: no digest at all (the digest's own unsubscribe link sets it). */
  digest: text('digest', { enum: DIGEST_FREQUENCIES }).notNull().default('daily'),
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

/**
 * One row per member and digest period (the local date of the morning it belongs to). Inserting it is
 * the claim: the key is unique, so two schedulers — or one restarted — enqueue a period's digest once.
 * Empty digests keep their row (no e-mail), so the period is not examined again.
 */
export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** The member's local date of the morning the digest belongs to (a Monday for weekly ones). */
    period: date('period', { mode: 'string' }).notNull(),
    frequency: text('frequency', { enum: ['daily', 'weekly'] }).notNull(),
    /** What the digest covered: activity after `since`, up to `until`. */
    since: timestamp('since', { withTimezone: true }).notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
    itemCount: integer('item_count').notNull(),
    /** The e-mail written to the outbox; null when the digest was empty and skipped. */
    outboxId: uuid('outbox_id').references(() => mailOutbox.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.period] }),
    check('digest_deliveries_frequency_valid', sql`${t.frequency} in ('daily', 'weekly')`),
    check('digest_deliveries_window', sql`${t.since} <= ${t.until}`),
  ],
);
