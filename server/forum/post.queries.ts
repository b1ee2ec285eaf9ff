import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, postReactions, postRevisions, posts } from '@server/db/schema';
import type { ContentLang, Role } from '@shared/constants';
import type { ReactionKind } from '@shared/api/threads';
import type { HiddenReason } from '@shared/moderation';

/** How many of a member's posts readers were allowed to see (published, not waiting or rejected). */
export async function countPublishedPosts(db: Executor, authorId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(posts)
    .where(and(eq(posts.authorId, authorId), sql`${posts.hiddenReason} is distinct from 'pending_review'`));
  return row?.n ?? 0;
}

/** A post with its author, as pages show it. */
export interface PostRow {
  id: string;
  threadId: string;
  /** Null (with the other author fields) when the author deleted their account. */
  authorId: string | null;
  authorHandle: string | null;
  authorDisplayName: string | null;
  authorRole: Role | null;
  parentId: string | null;
  seq: number;
  path: number[];
  bodySource: string;
  bodyHtml: string;
  lang: ContentLang;
  editCount: number;
  editedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  replyCount: number;
  /** Hidden from readers other than its author and the category's moderators. */
  hiddenAt: Date | null;
  hiddenReason: HiddenReason | null;
}

/**
 * Whose posts waiting for review a reader's page includes: every one (the category's moderators), the
 * reader's own, or none. Other readers never learn that a pending post exists.
 */
export type PendingShown = 'all' | { authorId: string } | null;

function pendingFilter(shown: PendingShown): SQL {
  if (shown === 'all') return sql`true`;
  if (shown === null) return sql`${posts.hiddenReason} is distinct from 'pending_review'`;
  return sql`(${posts.hiddenReason} is distinct from 'pending_review' or ${posts.authorId} = ${shown.authorId})`;
}

const childAlias = sql.raw('child');

function postSelect(db: Executor) {
  return db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      authorId: posts.authorId,
      authorHandle: members.handle,
      authorDisplayName: members.displayName,
      authorRole: members.role,
      parentId: posts.parentId,
      seq: posts.seq,
      path: posts.path,
      bodySource: posts.bodySource,
      bodyHtml: posts.bodyHtml,
      lang: sql<ContentLang>`coalesce(${posts.lang}, 'other')`,
      editCount: posts.editCount,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      createdAt: posts.createdAt,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      replyCount: sql<number>`(select count(*)::int from ${posts} as ${childAlias} where ${childAlias}.parent_id = ${posts.id} and ${childAlias}.deleted_at is null)`,
    })
    .from(posts)
    .leftJoin(members, eq(members.id, posts.authorId));
}

// A deleted post stays as a placeholder only while something answers it.
const visible = sql`(${posts.deletedAt} is null or exists (select 1 from ${posts} as ${childAlias} where ${childAlias}.parent_id = ${posts.id}))`;

/** One post with its author. */
export async function findPost(db: Executor, id: string): Promise<PostRow | undefined> {
  const [row] = await postSelect(db).where(eq(posts.id, id)).limit(1);
  return row;
}

/** The opening post of a thread: where replies without a parent hang. */
export async function findRootPost(db: Executor, threadId: string) {
  const [row] = await db
    .select({ id: posts.id, threadId: posts.threadId, path: posts.path, authorId: posts.authorId })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.seq, 1)))
    .limit(1);
  return row;
}

/** Locks one post's row for an edit or a deletion. */
export async function lockPost(tx: Executor, id: string) {
  const [row] = await tx.select().from(posts).where(eq(posts.id, id)).for('update');
  return row;
}

/**
 * A page of a thread's posts: in tree order (`path`, keyset after `afterPath`) or in time order (`seq`,
 * after `afterSeq`). Both read the thread's range of one index.
 */
export async function listPosts(
  db: Executor,
  input: {
    threadId: string;
    view: 'threaded' | 'chronological';
    after?: number[];
    limit: number;
    pending: PendingShown;
  },
): Promise<PostRow[]> {
  const filters: SQL[] = [eq(posts.threadId, input.threadId), visible, pendingFilter(input.pending)];
  if (input.view === 'threaded') {
    if (input.after) filters.push(sql`${posts.path} > ${toPgArray(input.after)}::int[]`);
    return postSelect(db)
      .where(and(...filters))
      .orderBy(asc(posts.path))
      .limit(input.limit);
  }
  if (input.after) filters.push(gt(posts.seq, input.after[0] ?? 0));
  return postSelect(db)
    .where(and(...filters))
    .orderBy(asc(posts.seq))
    .limit(input.limit);
}

/** Posts of a thread after `seq` in time order, deleted ones included (a reconnecting client replaces them). */
export async function listPostsAfter(
  db: Executor,
  threadId: string,
  afterSeq: number,
  limit: number,
  pending: PendingShown,
): Promise<PostRow[]> {
  return postSelect(db)
    .where(and(eq(posts.threadId, threadId), gt(posts.seq, afterSeq), pendingFilter(pending)))
    .orderBy(asc(posts.seq))
    .limit(limit);
}

function toPgArray(values: number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(',')}}`;
}

/** Inserts a post. */
export async function insertPost(
  tx: Executor,
  input: {
    threadId: string;
    authorId: string;
    parentId: string | null;
    seq: number;
    path: number[];
    bodySource: string;
    bodyHtml: string;
    /** Unset: the thread's language (search trigger). */
    lang?: ContentLang;
    /** Set when the post waits for review before readers see it. */
    hiddenReason?: HiddenReason;
  },
): Promise<string> {
  const { hiddenReason, ...fields } = input;
  const [row] = await tx
    .insert(posts)
    .values({ ...fields, ...(hiddenReason && { hiddenAt: sql`now()`, hiddenReason }) })
    .returning({ id: posts.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Replaces a post's body, keeping the previous one as a revision by `editorId`. */
export async function revisePost(
  tx: Executor,
  post: { id: string; bodySource: string; bodyHtml: string },
  editorId: string,
  next: { bodySource: string; bodyHtml: string },
): Promise<string> {
  const [revision] = await tx
    .insert(postRevisions)
    .values({
      postId: post.id,
      editorId,
      bodySource: post.bodySource,
      bodyHtml: post.bodyHtml,
    })
    .returning({ id: postRevisions.id });
  if (!revision) throw new Error('revision not stored');
  await tx
    .update(posts)
    .set({ ...next, editCount: sql`${posts.editCount} + 1`, editedAt: sql`now()` })
    .where(eq(posts.id, post.id));
  return revision.id;
}

/** Hides a post from readers, or shows it again with `null`. */
export async function setPostHidden(tx: Executor, id: string, reason: HiddenReason | null): Promise<void> {
  await tx
    .update(posts)
    .set(reason ? { hiddenAt: sql`now()`, hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
    .where(eq(posts.id, id));
}

/** Soft-deletes a post: its text is gone from pages, its row keeps the tree together. */
export async function softDeletePost(tx: Executor, id: string): Promise<void> {
  await tx
    .update(posts)
    .set({ deletedAt: sql`now()` })
    .where(eq(posts.id, id));
}

/** A post's earlier versions, oldest first, with their editors. */
export async function listRevisions(db: Executor, postId: string) {
  return db
    .select({
      id: postRevisions.id,
      bodySource: postRevisions.bodySource,
      bodyHtml: postRevisions.bodyHtml,
      createdAt: postRevisions.createdAt,
      editorId: members.id,
      editorHandle: members.handle,
      editorDisplayName: members.displayName,
      editorRole: members.role,
    })
    .from(postRevisions)
    .leftJoin(members, eq(members.id, postRevisions.editorId))
    .where(eq(postRevisions.postId, postId))
    .orderBy(asc(postRevisions.createdAt), asc(postRevisions.id));
}

/** Reaction counts of some posts, with whether `memberId` gave each: one grouped query for a page. */
export async function reactionsOf(db: Executor, postIds: string[], memberId: string | null) {
  if (postIds.length === 0) return [];
  return db
    .select({
      postId: postReactions.postId,
      kind: postReactions.kind,
      count: sql<number>`count(*)::int`,
      mine: memberId ? sql<boolean>`bool_or(${postReactions.memberId} = ${memberId})` : sql<boolean>`false`,
    })
    .from(postReactions)
    .where(inArray(postReactions.postId, postIds))
    .groupBy(postReactions.postId, postReactions.kind);
}

/** Toggles one reaction; true when it is now given. */
export async function toggleReaction(
  tx: Executor,
  postId: string,
  memberId: string,
  kind: ReactionKind,
): Promise<boolean> {
  const inserted = await tx
    .insert(postReactions)
    .values({ postId, memberId, kind })
    .onConflictDoNothing()
    .returning({ kind: postReactions.kind });
  if (inserted.length > 0) return true;
  await tx
    .delete(postReactions)
    .where(
      and(
        eq(postReactions.postId, postId),
        eq(postReactions.memberId, memberId),
        eq(postReactions.kind, kind),
      ),
    );
  return false;
}
