import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, inList } from './columns';
import { members } from './members';

/**
 * A conversation: `direct` between two members (unique per pair through `pair_key`) or a titled `group`.
 * `last_seq` is the counter messages take their `seq` from: incremented in the sending transaction while
 * the row is locked, so seqs are gap-free and never repeat.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['direct', 'group'] }).notNull(),
    title: text('title'),
    pairKey: text('pair_key'),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    lastSeq: integer('last_seq').notNull().default(0),
    activityAt: timestamp('activity_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversations_pair_key_key').on(t.pairKey),
    check('conversations_kind_valid', sql`${t.kind} in (${inList(['direct', 'group'])})`),
    check(
      'conversations_kind_shape',
      sql`(${t.kind} = 'direct' and ${t.pairKey} is not null and ${t.title} is null) or (${t.kind} = 'group' and ${t.pairKey} is null and ${t.title} is not null)`,
    ),
    check('conversations_title_length', sql`char_length(${t.title}) between 1 and 100`),
    check('conversations_last_seq_nonnegative', sql`${t.lastSeq} >= 0`),
  ],
);

/**
 * Who is in a conversation and how: `active` members read and write; `requested` recipients of a message
 * request read it and decide; `declined` and `left` are no longer members (kept so a declined sender
 * stays refused and a leaver's messages keep their author).
 */
export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['active', 'requested', 'declined', 'left'] }).notNull(),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    muted: boolean('muted').notNull().default(false),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The conversation's last `seq` when this member (last) joined: they see the messages after it, not
     * the ones before. 0 for those who started the conversation, and for memberships older than the rule.
     */
    joinedSeq: integer('joined_seq').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.memberId] }),
    index('conversation_members_member_idx').on(t.memberId, t.state),
    check(
      'conversation_members_state_valid',
      sql`${t.state} in (${inList(['active', 'requested', 'declined', 'left'])})`,
    ),
    check('conversation_members_last_read_nonnegative', sql`${t.lastReadSeq} >= 0`),
    check('conversation_members_joined_seq_nonnegative', sql`${t.joinedSeq} >= 0`),
  ],
);

/** A message; `seq` orders it within its conversation. Deleted messages keep their row, without body. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /**
     * Null once the author deleted their account: their messages are erased first (body emptied, marked
     * deleted) and the row stays, so the others' conversation keeps its gap-free `seq` order.
     */
    authorId: uuid('author_id').references(() => members.id, { onDelete: 'set null' }),
    clientId: text('client_id').notNull(),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_key').on(t.conversationId, t.seq),
    // A retried send finds the stored message instead of writing a second one.
    uniqueIndex('messages_author_client_id_key').on(t.conversationId, t.authorId, t.clientId),
    check('messages_seq_positive', sql`${t.seq} > 0`),
    check('messages_body_length', sql`char_length(${t.bodySource}) <= 5000`),
    check('messages_client_id_length', sql`char_length(${t.clientId}) between 1 and 64`),
  ],
);

/** Who may start a conversation with a member; no row means `anyone`. */
export const messagingSettings = pgTable(
  'messaging_settings',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    whoCanMessage: text('who_can_message', { enum: ['anyone', 'contacts', 'nobody'] })
      .notNull()
      .default('anyone'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'messaging_settings_who_valid',
      sql`${t.whoCanMessage} in (${inList(['anyone', 'contacts', 'nobody'])})`,
    ),
  ],
);

/** A member blocking another: no messages or requests either way between them. */
export const memberBlocks = pgTable(
  'member_blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    index('member_blocks_blocked_idx').on(t.blockedId),
    check('member_blocks_not_self', sql`${t.blockerId} <> ${t.blockedId}`),
  ],
);

/**
 * A reported message, copied (that message only) for the moderation queue, which reads this table and
 * never the conversation. `resolved_at` is set by moderation.
 */
export const messageReports = pgTable(
  'message_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => members.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: ['spam', 'harassment', 'inappropriate', 'other'] }).notNull(),
    note: text('note'),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    messageCreatedAt: timestamp('message_created_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('message_reports_message_reporter_key').on(t.messageId, t.reporterId),
    index('message_reports_open_idx')
      .on(t.createdAt)
      .where(sql`${t.resolvedAt} is null`),
    check(
      'message_reports_reason_valid',
      sql`${t.reason} in (${inList(['spam', 'harassment', 'inappropriate', 'other'])})`,
    ),
    check('message_reports_note_length', sql`char_length(${t.note}) <= 1000`),
  ],
);
