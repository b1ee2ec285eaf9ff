import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import {
  categories,
  members,
  posts,
  threadFollows,
  threadReads,
  threads,
  threadTags,
} from '@server/db/schema';
import type { Locale, Role } from '@shared/constants';
import type { HiddenReason } from '@shared/moderation';
import type { ThreadKind, ThreadSort } from '@shared/api/threads';
import type { PinScope } from '@shared/moderation';

/** A thread with what its pages show: category, author, tags and the reader's follow and read state. */
export interface ThreadRow {
  id: string;
  categoryId: string;
  categorySlug: string;
  categoryReadAccess: 'public' | 'members' | 'moderators';
  categoryArchived: boolean;
  /** Null (with the other author fields) when the author deleted their account. */
  authorId: string | null;
  authorHandle: string | null;
  authorDisplayName: string | null;
  authorRole: Role | null;
  kind: ThreadKind;
  title: string;
  lang: Locale;
  tags: string[];
  acceptedPostId: string | null;
  postCount: number;
  replyCount: number;
  viewCount: number;
  lastPostAt: Date;
  createdAt: Date;
  pinnedAt: Date | null;
  pinScope: PinScope | null;
  featuredAt: Date | null;
  lockedAt: Date | null;
  closedAt: Date | null;
  slowModeMinutes: number;
  mergedIntoId: string | null;
  following: boolean;
  lastReadSeq: number | null;
  /** Posts after the reader's position that wait for review (not counted as unread). */
  pendingUnread: number;
  /** Hidden from readers (pending review, by flags, by a moderator); authors and moderators still see it. */
  hiddenAt: Date | null;
  hiddenReason: HiddenReason | null;
  /** Removed by a moderator: only moderators still see it. */
  deletedAt: Date | null;
}

const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/** The select list and joins shared by one thread and thread lists, for reader `memberId`. */
export function threadSelect(db: Executor, memberId: string | null) {
  const reader = memberId ?? NO_MEMBER;
  return db
    .select({
      id: threads.id,
      categoryId: threads.categoryId,
      categorySlug: categories.slug,
      categoryReadAccess: categories.readAccess,
      categoryArchived: sql<boolean>`${categories.archivedAt} is not null`,
      authorId: threads.authorId,
      authorHandle: members.handle,
      authorDisplayName: members.displayName,
      authorRole: members.role,
      kind: threads.kind,
      title: threads.title,
      lang: threads.lang,
      tags: sql<
        string[]
      >`array(select ${threadTags.tag} from ${threadTags} where ${threadTags.threadId} = ${threads.id} order by ${threadTags.tag})`,
      acceptedPostId: threads.acceptedPostId,
      postCount: threads.postCount,
      replyCount: threads.replyCount,
      viewCount: threads.viewCount,
      lastPostAt: threads.lastPostAt,
      createdAt: threads.createdAt,
      pinnedAt: threads.pinnedAt,
      pinScope: threads.pinScope,
      featuredAt: threads.featuredAt,
      lockedAt: threads.lockedAt,
      closedAt: threads.closedAt,
      slowModeMinutes: threads.slowModeMinutes,
      mergedIntoId: threads.mergedIntoId,
      following: sql<boolean>`${threadFollows.memberId} is not null`,
      lastReadSeq: threadReads.lastReadSeq,
      // Replies waiting for review past the reader's position are not unread: readers cannot see them.
      pendingUnread: sql<number>`case when ${threadReads.lastReadSeq} is null or ${threads.postCount} = ${threadReads.lastReadSeq} then 0 else (select count(*)::int from ${posts} where ${posts.threadId} = ${threads.id} and ${posts.seq} > ${threadReads.lastReadSeq} and ${posts.hiddenReason} = 'pending_review') end`,
      hiddenAt: threads.hiddenAt,
      hiddenReason: threads.hiddenReason,
      deletedAt: threads.deletedAt,
    })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .leftJoin(members, eq(members.id, threads.authorId))
    .leftJoin(threadFollows, and(eq(threadFollows.threadId, threads.id), eq(threadFollows.memberId, reader)))
    .leftJoin(threadReads, and(eq(threadReads.threadId, threads.id), eq(threadReads.memberId, reader)));
}

/** One thread as `memberId` sees it (follow and read state), or undefined. */
export async function findThread(
  db: Executor,
  id: string,
  memberId: string | null,
): Promise<ThreadRow | undefined> {
  const [row] = await threadSelect(db, memberId).where(eq(threads.id, id)).limit(1);
  return row;
}

/** Which categories' threads a list may show. */
export type ReadableAccess = ('public' | 'members' | 'moderators')[];

/**
 * Which hidden or removed threads a list shows its reader: all of them (moderators of every category),
 * those of some categories (scoped moderators), and always the reader's own threads waiting for review.
 */
export interface HiddenThreadsShown {
  all: boolean;
  categoryIds: readonly string[];
  authorId: string | null;
}

/** The condition a thread must meet to appear in a list for a reader. */
export function shownThreads(shown: HiddenThreadsShown): SQL {
  if (shown.all) return sql`true`;
  const parts: SQL[] = [sql`(${threads.hiddenAt} is null and ${threads.deletedAt} is null)`];
  if (shown.categoryIds.length) parts.push(inArray(threads.categoryId, [...shown.categoryIds]));
  if (shown.authorId) {
    parts.push(
      sql`(${threads.authorId} = ${shown.authorId} and ${threads.hiddenReason} = 'pending_review' and ${threads.deletedAt} is null)`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The conditions every list of threads applies (pages, sitemaps, feeds): a category the reader may read,
 * a thread neither archived nor merged, and shown to the reader. Lists over threads and categories only.
 */
export function listedThreads(access: ReadableAccess, hidden: HiddenThreadsShown): SQL[] {
  return [
    inArray(categories.readAccess, access),
    sql`${threads.archivedAt} is null`,
    // A merged thread's posts live in its target; its address only leads there.
    sql`${threads.mergedIntoId} is null`,
    shownThreads(hidden),
  ];
}

/** Keyset position in a thread list: the sort value and the id that breaks ties. */
export interface ListCursor {
  value: string | number;
  id: string;
  /**
   * The last thread's pin rank (pinned threads come first): 2 pinned globally, 1 pinned in its category
   * (category lists only), 0 not pinned.
   */
  pin?: number;
}

/** A page of threads in one order, in one category or across every readable one. */
export async function listThreads(
  db: Executor,
  input: {
    categoryId?: string;
    access: ReadableAccess;
    sort: ThreadSort;
    cursor?: ListCursor;
    limit: number;
    memberId: string | null;
    hidden: HiddenThreadsShown;
  },
): Promise<ThreadRow[]> {
  const key = sortKey(input.sort);
  const filters: SQL[] = listedThreads(input.access, input.hidden);
  if (input.categoryId) filters.push(eq(threads.categoryId, input.categoryId));
  else filters.push(sql`${categories.archivedAt} is null`);
  if (input.sort === 'unanswered') {
    filters.push(eq(threads.kind, 'question'), eq(threads.replyCount, 0), sql`${threads.closedAt} is null`);
  }
  // Global pins lead every list, category pins their category's; each group in the chosen order.
  const pin = pinRank(Boolean(input.categoryId));
  if (input.cursor) {
    const value = key.cast(input.cursor.value);
    filters.push(
      sql`(${pin}, ${key.column}, ${threads.id}) < (${input.cursor.pin ?? 0}, ${value}, ${input.cursor.id}::uuid)`,
    );
  }
  return threadSelect(db, input.memberId)
    .where(and(...filters))
    .orderBy(desc(pin), desc(key.column), desc(threads.id))
    .limit(input.limit);
}

/** A thread's place among pinned threads: 2 pinned globally, 1 pinned in a category list's category, 0 otherwise. */
export function pinRank(inCategory: boolean): SQL<number> {
  return inCategory
    ? sql<number>`(case ${threads.pinScope} when 'global' then 2 when 'category' then 1 else 0 end)`
    : sql<number>`(case ${threads.pinScope} when 'global' then 2 else 0 end)`;
}

/** The pin rank of a listed thread, as `pinRank` computes it in SQL. */
export function pinRankOf(row: { pinScope: PinScope | null }, inCategory: boolean): number {
  if (row.pinScope === 'global') return 2;
  return inCategory && row.pinScope === 'category' ? 1 : 0;
}

/** The column a list order reads, and how a cursor value is bound against it. */
export function sortKey(sort: ThreadSort) {
  switch (sort) {
    case 'latest':
      return { column: threads.lastPostAt, cast: (v: string | number) => sql`${String(v)}::timestamptz` };
    case 'newest':
    case 'unanswered':
      return { column: threads.createdAt, cast: (v: string | number) => sql`${String(v)}::timestamptz` };
    case 'active':
      return { column: threads.replyCount, cast: (v: string | number) => sql`${Number(v)}::int` };
  }
}

/** Locks a thread's row for a write that changes its counters, returning them. */
export async function lockThread(tx: Executor, id: string) {
  const [row] = await tx
    .select({
      id: threads.id,
      postCount: threads.postCount,
      lockedAt: threads.lockedAt,
      acceptedPostId: threads.acceptedPostId,
      slowModeMinutes: threads.slowModeMinutes,
      mergedIntoId: threads.mergedIntoId,
    })
    .from(threads)
    .where(eq(threads.id, id))
    .for('update');
  return row;
}

/** Inserts a thread (its opening post is inserted by the caller in the same transaction). */
export async function insertThread(
  tx: Executor,
  input: {
    categoryId: string;
    authorId: string;
    kind: ThreadKind;
    title: string;
    lang: Locale;
    /** Set when the thread waits for review before readers see it. */
    hiddenReason?: HiddenReason;
  },
): Promise<string> {
  const { hiddenReason, ...fields } = input;
  const [row] = await tx
    .insert(threads)
    .values({
      ...fields,
      postCount: 1,
      replyCount: 0,
      lastPosterId: input.authorId,
      ...(hiddenReason && { hiddenAt: sql`now()`, hiddenReason }),
    })
    .returning({ id: threads.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Replaces a thread's tags. */
export async function setThreadTags(tx: Executor, threadId: string, tags: string[]): Promise<void> {
  await tx.delete(threadTags).where(eq(threadTags.threadId, threadId));
  if (tags.length) await tx.insert(threadTags).values(tags.map((tag) => ({ threadId, tag })));
}

/** Records a new reply on the thread's counters. */
export async function recordReply(
  tx: Executor,
  threadId: string,
  seq: number,
  posterId: string,
): Promise<void> {
  await tx
    .update(threads)
    .set({
      postCount: seq,
      replyCount: sql`${threads.replyCount} + 1`,
      lastPostAt: sql`now()`,
      lastPosterId: posterId,
    })
    .where(eq(threads.id, threadId));
}

/**
 * Takes the next `seq` for a reply that waits for review: the post needs its place in the thread, but
 * readers' counters and the last-post time move only when it is published (`publishReply`).
 */
export async function reserveSeq(tx: Executor, threadId: string, seq: number): Promise<void> {
  await tx.update(threads).set({ postCount: seq }).where(eq(threads.id, threadId));
}

/** Counts a reply that was waiting for review, now published, as the thread's latest. */
export async function publishReply(tx: Executor, threadId: string, posterId: string | null): Promise<void> {
  await tx
    .update(threads)
    .set({
      replyCount: sql`${threads.replyCount} + 1`,
      lastPostAt: sql`now()`,
      lastPosterId: posterId,
    })
    .where(eq(threads.id, threadId));
}

/** Hides a thread from readers, or shows it again with `null`. */
export async function setThreadHidden(
  tx: Executor,
  threadId: string,
  reason: HiddenReason | null,
): Promise<void> {
  await tx
    .update(threads)
    .set(
      reason
        ? { hiddenAt: sql`now()`, hiddenReason: reason }
        : { hiddenAt: null, hiddenReason: null, lastPostAt: sql`now()` },
    )
    .where(eq(threads.id, threadId));
}

/** Removes a thread (a moderator's decision): readers no longer find it, moderators still do. */
export async function softDeleteThread(tx: Executor, threadId: string): Promise<void> {
  await tx
    .update(threads)
    .set({ deletedAt: sql`now()` })
    .where(eq(threads.id, threadId));
}

/** Changes a thread's own fields. */
export async function updateThread(
  tx: Executor,
  threadId: string,
  changes: Partial<{
    title: string;
    pinnedAt: Date | null;
    pinScope: PinScope | null;
    featuredAt: Date | null;
    lockedAt: Date | null;
    closedAt: Date | null;
    slowModeMinutes: number;
    categoryId: string;
    acceptedPostId: string | null;
    replyCountDelta: number;
  }>,
): Promise<void> {
  const { replyCountDelta, ...rest } = changes;
  const set: Record<string, unknown> = { ...rest };
  if (replyCountDelta) set.replyCount = sql`${threads.replyCount} + ${replyCountDelta}`;
  if (Object.keys(set).length === 0) return;
  await tx.update(threads).set(set).where(eq(threads.id, threadId));
}

/** Follows a thread (idempotent). */
export async function follow(tx: Executor, memberId: string, threadId: string): Promise<void> {
  await tx.insert(threadFollows).values({ memberId, threadId }).onConflictDoNothing();
}

/** The members following a thread, read inside the transaction that tells them about a new post. */
export async function followerIdsOf(tx: Executor, threadId: string): Promise<string[]> {
  const rows = await tx
    .select({ memberId: threadFollows.memberId })
    .from(threadFollows)
    .where(eq(threadFollows.threadId, threadId));
  return rows.map((row) => row.memberId);
}

/** Stops following a thread. */
export async function unfollow(db: Executor, memberId: string, threadId: string): Promise<void> {
  await db
    .delete(threadFollows)
    .where(and(eq(threadFollows.memberId, memberId), eq(threadFollows.threadId, threadId)));
}

/** Moves a member's read position forward (never back), capped at the thread's last post. */
export async function markRead(
  db: Executor,
  memberId: string,
  threadId: string,
  seq: number,
): Promise<number> {
  const [row] = await db
    .insert(threadReads)
    .values({ memberId, threadId, lastReadSeq: seq })
    .onConflictDoUpdate({
      target: [threadReads.memberId, threadReads.threadId],
      set: {
        lastReadSeq: sql`greatest(${threadReads.lastReadSeq}, excluded.last_read_seq)`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ seq: threadReads.lastReadSeq });
  return row?.seq ?? seq;
}

/** Adds batched view counts: one statement for every thread viewed since the last flush. */
export async function addViews(db: Executor, counts: Map<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const values = sql.join(
    [...counts].map(([id, n]) => sql`(${id}::uuid, ${n}::int)`),
    sql`, `,
  );
  await db.execute(
    sql`update ${threads} set view_count = ${threads.viewCount} + v.n from (values ${values}) as v(id, n) where ${threads.id} = v.id`,
  );
}

/**
 * A member's latest posts (openings and replies, not deleted) in live threads of readable, unarchived
 * categories, newest first, with their thread's title. Reads the posts' author index.
 */
export function recentPostsBy(
  db: Executor,
  authorId: string,
  access: ReadableAccess,
  limit: number,
  /** The author sees their own posts waiting for review; nobody else sees hidden posts here. */
  includeHidden = false,
) {
  return db
    .select({
      postId: posts.id,
      seq: posts.seq,
      createdAt: posts.createdAt,
      threadId: threads.id,
      threadTitle: threads.title,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .where(
      and(
        eq(posts.authorId, authorId),
        sql`${posts.deletedAt} is null`,
        sql`${threads.archivedAt} is null`,
        sql`${threads.deletedAt} is null`,
        includeHidden
          ? sql`(${posts.hiddenReason} is null or ${posts.hiddenReason} = 'pending_review')`
          : sql`(${posts.hiddenAt} is null and ${threads.hiddenAt} is null)`,
        sql`${categories.archivedAt} is null`,
        inArray(categories.readAccess, access),
      ),
    )
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit);
}
