import { sql } from 'drizzle-orm';
import {
  check,
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
import { LOCALES } from '@shared/constants';
import {
  FLAG_REASONS,
  FLAG_TARGETS,
  MODERATION_LIMITS,
  NOTICE_KINDS,
  QUEUE_ITEM_KINDS,
  QUEUE_STATUSES,
  QUEUE_TARGETS,
  WATCHED_WORD_ACTIONS,
} from '@shared/moderation';
import { createdAt, inList, LOCALE_LIST } from './columns';
import { members } from './members';
import { categories } from './forum';

/**
 * The review queue. One open item per (kind, target): flags from several members on the same target
 * join the item instead of adding rows. `snapshot` copies what moderators need to judge (for a message,
 * only that message), so they never read the conversation itself. `category_id` lets moderators scoped
 * to categories see only their items.
 */
export const moderationItems = pgTable(
  'moderation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: QUEUE_ITEM_KINDS }).notNull(),
    targetType: text('target_type', { enum: QUEUE_TARGETS }).notNull(),
    targetId: uuid('target_id').notNull(),
    /** Whose content or account it is; null once they deleted their account. */
    subjectId: uuid('subject_id').references(() => members.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    status: text('status', { enum: QUEUE_STATUSES }).notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => members.id, { onDelete: 'set null' }),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull().default({}),
    flagCount: integer('flag_count').notNull().default(0),
    /** What closed the item (`dismissed`, `hidden`, `deleted`, `approved`, …). */
    resolution: text('resolution'),
    resolvedById: uuid('resolved_by_id').references(() => members.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('moderation_items_kind_valid', sql`${t.kind} in (${inList(QUEUE_ITEM_KINDS)})`),
    check('moderation_items_target_valid', sql`${t.targetType} in (${inList(QUEUE_TARGETS)})`),
    check('moderation_items_status_valid', sql`${t.status} in (${inList(QUEUE_STATUSES)})`),
    check(
      'moderation_items_closed_consistent',
      sql`(${t.status} in ('resolved', 'dismissed')) = (${t.resolvedAt} is not null)`,
    ),
    check('moderation_items_flag_count', sql`${t.flagCount} >= 0`),
    uniqueIndex('moderation_items_open_target_key')
      .on(t.kind, t.targetType, t.targetId)
      .where(sql`${t.status} in ('open', 'in_progress')`),
    index('moderation_items_status_idx').on(t.status, t.createdAt.desc()),
    index('moderation_items_subject_idx').on(t.subjectId),
  ],
);

/** One member's flag on one target. A member has at most one open flag per target. */
export const flags = pgTable(
  'flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => moderationItems.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: FLAG_TARGETS }).notNull(),
    targetId: uuid('target_id').notNull(),
    reason: text('reason', { enum: FLAG_REASONS }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
    /** Set when the item is resolved or dismissed; the reporter may flag the target again after. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    check('flags_target_valid', sql`${t.targetType} in (${inList(FLAG_TARGETS)})`),
    check('flags_reason_valid', sql`${t.reason} in (${inList(FLAG_REASONS)})`),
    check(
      'flags_note_length',
      sql`char_length(${t.note}) <= ${sql.raw(String(MODERATION_LIMITS.flagNoteMax))}`,
    ),
    uniqueIndex('flags_open_reporter_target_key')
      .on(t.reporterId, t.targetType, t.targetId)
      .where(sql`${t.closedAt} is null`),
    index('flags_item_idx').on(t.itemId),
  ],
);

/** Moderators' internal notes on a queue item; never shown to members. */
export const moderationNotes = pgTable(
  'moderation_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => moderationItems.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => members.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'moderation_notes_body_length',
      sql`char_length(${t.body}) between 1 and ${sql.raw(String(MODERATION_LIMITS.noteMax))}`,
    ),
    index('moderation_notes_item_idx').on(t.itemId, t.createdAt),
  ],
);

/**
 * What a member is told about an action on them or their content: a warning, a suspension (until
 * `ends_at`, or indefinitely) or a removal, with the moderator's reason.
 */
export const moderationNotices = pgTable(
  'moderation_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    reason: text('reason').notNull(),
    targetType: text('target_type', { enum: QUEUE_TARGETS }).notNull(),
    targetId: uuid('target_id').notNull(),
    itemId: uuid('item_id').references(() => moderationItems.id, { onDelete: 'set null' }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('moderation_notices_kind_valid', sql`${t.kind} in (${inList(NOTICE_KINDS)})`),
    check('moderation_notices_target_valid', sql`${t.targetType} in (${inList(QUEUE_TARGETS)})`),
    check(
      'moderation_notices_reason_length',
      sql`char_length(${t.reason}) between 1 and ${sql.raw(String(MODERATION_LIMITS.reasonMax))}`,
    ),
    index('moderation_notices_member_idx').on(t.memberId, t.createdAt.desc()),
  ],
);

/** A member's appeal against a suspension or a removal: one per notice, reviewed as a queue item. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => moderationNotices.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    itemId: uuid('item_id').references(() => moderationItems.id, { onDelete: 'set null' }),
    /** `upheld` keeps the action; `overturned` undoes it. Null while under review. */
    outcome: text('outcome', { enum: ['upheld', 'overturned'] }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('appeals_notice_key').on(t.noticeId),
    check(
      'appeals_body_length',
      sql`char_length(${t.body}) between 1 and ${sql.raw(String(MODERATION_LIMITS.appealMax))}`,
    ),
    check('appeals_outcome_valid', sql`${t.outcome} in (${inList(['upheld', 'overturned'])})`),
    check('appeals_decided_consistent', sql`(${t.outcome} is null) = (${t.decidedAt} is null)`),
  ],
);

/** Moderators limited to some categories. A moderator with no row here moderates everything. */
export const moderatorScopes = pgTable(
  'moderator_scopes',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.categoryId] }),
    index('moderator_scopes_category_idx').on(t.categoryId),
  ],
);

/** Words checked on posts, titles and profiles, per language, with what happens on a match. */
export const watchedWords = pgTable(
  'watched_words',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lang: text('lang', { enum: LOCALES }).notNull(),
    word: text('word').notNull(),
    action: text('action', { enum: WATCHED_WORD_ACTIONS }).notNull(),
    createdById: uuid('created_by_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('watched_words_lang_word_key').on(t.lang, t.word),
    check('watched_words_lang_valid', sql`${t.lang} in (${LOCALE_LIST})`),
    check('watched_words_action_valid', sql`${t.action} in (${inList(WATCHED_WORD_ACTIONS)})`),
    check(
      'watched_words_word_format',
      sql`${t.word} = lower(${t.word}) and char_length(${t.word}) between 1 and ${sql.raw(String(MODERATION_LIMITS.watchedWordMax))}`,
    ),
  ],
);
