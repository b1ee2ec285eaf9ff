import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CONTENT_LANGS } from '@shared/constants';
import { HIDDEN_REASONS, MODERATION_LIMITS, PIN_SCOPES } from '@shared/moderation';
import { createdAt, inList, LOCALE_LIST } from './columns';
import { members } from './members';

const READ_ACCESS_LIST = inList(['public', 'members', 'moderators']);

/** A PostgreSQL `tsvector`, written only by the search triggers. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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
    readAccess: text('read_access', { enum: ['public', 'members', 'moderators'] })
      .notNull()
      .default('public'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    check('categories_read_access_valid', sql`${t.readAccess} in (${READ_ACCESS_LIST})`),
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
 * A question or a discussion. Counters (`post_count`, `reply_count`, `last_*`) are kept in the same
 * transaction as the post that changes them; `post_count` also hands out each post's `seq`.
 */
export const threads = pgTable(
  'threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    /** Null once the author deleted their account: the thread stays, shown as by a former member. */
    authorId: uuid('author_id').references(() => members.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['question', 'discussion'] }).notNull(),
    title: text('title').notNull(),
    lang: text('lang', { enum: ['es', 'pt', 'en', 'fr'] }).notNull(),
    acceptedPostId: uuid('accepted_post_id').references((): AnyPgColumn => posts.id),
    postCount: integer('post_count').notNull().default(0),
    replyCount: integer('reply_count').notNull().default(0),
    viewCount: bigint('view_count', { mode: 'number' }).notNull().default(0),
    lastPostAt: timestamp('last_post_at', { withTimezone: true }).notNull().defaultNow(),
    lastPosterId: uuid('last_poster_id').references(() => members.id, { onDelete: 'set null' }),
    pinnedAt: timestamp('pinned_at', { withTimezone: true }),
    /** Where a pinned thread is pinned: first in its category, or first on every list. */
    pinScope: text('pin_scope', { enum: PIN_SCOPES }),
    /** Shown in the home page's "Featured" section while set. */
    featuredAt: timestamp('featured_at', { withTimezone: true }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    /** A question a moderator closed as answered (with or without an accepted reply). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Slow mode: one post per member per this many minutes; 0 is off. */
    slowModeMinutes: integer('slow_mode_minutes').notNull().default(0),
    /** Set when a moderator merged this thread into another: its address leads there. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => threads.id, { onDelete: 'set null' }),
    /** Hidden from readers pending review (flags) or by a moderator; the author and moderators still see it. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason', { enum: HIDDEN_REASONS }),
    /** Removed by a moderator. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'threads_pin_scope_valid',
      sql`(${t.pinnedAt} is null) = (${t.pinScope} is null) and ${t.pinScope} in (${inList(PIN_SCOPES)})`,
    ),
    check(
      'threads_hidden_consistent',
      sql`(${t.hiddenAt} is null) = (${t.hiddenReason} is null) and ${t.hiddenReason} in (${inList(HIDDEN_REASONS)})`,
    ),
    check(
      'threads_slow_mode_range',
      sql`${t.slowModeMinutes} between 0 and ${sql.raw(String(MODERATION_LIMITS.slowModeMinutesMax))}`,
    ),
    index('threads_featured_idx')
      .on(t.featuredAt.desc())
      .where(sql`${t.featuredAt} is not null`),
    index('threads_pinned_idx')
      .on(t.pinScope, t.categoryId, t.pinnedAt.desc())
      .where(sql`${t.pinnedAt} is not null`),
    check('threads_kind_valid', sql`${t.kind} in (${inList(['question', 'discussion'])})`),
    check('threads_lang_valid', sql`${t.lang} in (${LOCALE_LIST})`),
    check('threads_title_length', sql`char_length(${t.title}) between 5 and 200`),
    check('threads_counts_valid', sql`${t.replyCount} >= 0 and ${t.postCount} >= ${t.replyCount}`),
    index('threads_category_activity_idx').on(t.categoryId, t.lastPostAt.desc(), t.id.desc()),
    index('threads_category_created_idx').on(t.categoryId, t.createdAt.desc(), t.id.desc()),
    index('threads_activity_idx').on(t.lastPostAt.desc(), t.id.desc()),
    index('threads_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('threads_author_idx').on(t.authorId),
  ],
);

/** A thread's tags, lower-cased; at most five per thread (enforced by the service). */
export const threadTags = pgTable(
  'thread_tags',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.tag] }),
    check('thread_tags_format', sql`${t.tag} ~ '^[a-z0-9][a-z0-9-]{0,29}$'`),
    index('thread_tags_tag_idx').on(t.tag),
  ],
);

/**
 * The opening post and every reply. `seq` orders posts by time within the thread; `path` (the seqs
 * from the opening post down to this one) orders them as a tree, so both views read one index range.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    /** Null once the author deleted their account: the post stays, shown as by a former member. */
    authorId: uuid('author_id').references(() => members.id, { onDelete: 'set null' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => posts.id),
    seq: integer('seq').notNull(),
    path: integer('path').array().notNull(),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** The post's language; when a write leaves it unset, the trigger takes the thread's. */
    lang: text('lang', { enum: CONTENT_LANGS }),
    /**
     * Search document in the post's language, accent-insensitive; for the opening post it also holds
     * the thread's title (weight A) and tags (B). Kept by triggers in the writing transaction.
     */
    searchVector: tsvector('search_vector'),
    editCount: integer('edit_count').notNull().default(0),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /**
     * Hidden from readers: pending review (a new member's first posts, a watched word), hidden by flags
     * or by a moderator. The author and moderators still see it, labelled.
     */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason', { enum: HIDDEN_REASONS }),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'posts_hidden_consistent',
      sql`(${t.hiddenAt} is null) = (${t.hiddenReason} is null) and ${t.hiddenReason} in (${inList(HIDDEN_REASONS)})`,
    ),
    uniqueIndex('posts_thread_seq_key').on(t.threadId, t.seq),
    index('posts_thread_path_idx').on(t.threadId, t.path),
    index('posts_author_idx').on(t.authorId, t.createdAt),
    index('posts_parent_idx').on(t.parentId),
    index('posts_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('posts_search_idx').using('gin', t.searchVector),
    check('posts_lang_valid', sql`${t.lang} in (${inList(CONTENT_LANGS)})`),
    check('posts_seq_positive', sql`${t.seq} >= 1`),
    check('posts_root_has_no_parent', sql`(${t.seq} = 1) = (${t.parentId} is null)`),
    check('posts_path_ends_with_seq', sql`${t.path}[array_length(${t.path}, 1)] = ${t.seq}`),
    check('posts_body_length', sql`char_length(${t.bodySource}) <= 20000`),
  ],
);

/** Earlier versions of an edited post: the source as it was before each edit, and who edited it. */
export const postRevisions = pgTable(
  'post_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    /** Null once the editor deleted their account. */
    editorId: uuid('editor_id').references(() => members.id, { onDelete: 'set null' }),
    bodySource: text('body_source').notNull(),
    bodyHtml: text('body_html').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('post_revisions_post_idx').on(t.postId, t.createdAt)],
);

/** One reaction of one kind by one member on one post. */
export const postReactions = pgTable(
  'post_reactions',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['like', 'helpful', 'insightful', 'thanks'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.memberId, t.kind] }),
    check(
      'post_reactions_kind_valid',
      sql`${t.kind} in (${inList(['like', 'helpful', 'insightful', 'thanks'])})`,
    ),
  ],
);

/** Threads a member follows (their own and those they replied in, automatically). */
export const threadFollows = pgTable(
  'thread_follows',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.threadId] }),
    index('thread_follows_thread_idx').on(t.threadId),
  ],
);

/** How far a member has read a thread: the highest `seq` seen. */
export const threadReads = pgTable(
  'thread_reads',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.threadId] }),
    check('thread_reads_seq', sql`${t.lastReadSeq} >= 0`),
  ],
);
