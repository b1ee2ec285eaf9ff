import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@server/db/pool';
import { categories, members, posts, threads } from '@server/db/schema';
import type { HiddenReason } from '@shared/moderation';

/** A post with what moderation needs: its thread, category, author and state. */
export async function findPostTarget(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      seq: posts.seq,
      authorId: posts.authorId,
      authorHandle: members.handle,
      authorName: members.displayName,
      bodySource: posts.bodySource,
      bodyHtml: posts.bodyHtml,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      deletedAt: posts.deletedAt,
      createdAt: posts.createdAt,
      threadTitle: threads.title,
      threadDeletedAt: threads.deletedAt,
      categoryId: threads.categoryId,
      readAccess: categories.readAccess,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .leftJoin(members, eq(members.id, posts.authorId))
    .where(eq(posts.id, id))
    .limit(1);
  return row;
}

/**
 * A thread with its opening post, category, author and state. A merged thread's category and access are
 * those of the thread it joined: its posts live there now.
 */
export async function findThreadTarget(db: Executor, id: string) {
  const into = alias(threads, 'merged_into');
  const intoCategory = alias(categories, 'merged_into_category');
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      authorId: threads.authorId,
      authorHandle: members.handle,
      authorName: members.displayName,
      hiddenAt: threads.hiddenAt,
      hiddenReason: threads.hiddenReason,
      deletedAt: threads.deletedAt,
      createdAt: threads.createdAt,
      categoryId: sql<string>`coalesce(${into.categoryId}, ${threads.categoryId})`,
      readAccess: sql<
        'public' | 'members' | 'moderators'
      >`coalesce(${intoCategory.readAccess}, ${categories.readAccess})`,
      rootPostId: posts.id,
      bodySource: posts.bodySource,
      bodyHtml: posts.bodyHtml,
    })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .leftJoin(into, eq(into.id, threads.mergedIntoId))
    .leftJoin(intoCategory, eq(intoCategory.id, into.categoryId))
    .leftJoin(members, eq(members.id, threads.authorId))
    .leftJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.seq, 1)))
    .where(eq(threads.id, id))
    .limit(1);
  return row;
}

/** Hides a post from readers (`reason`), or shows it again (`null`). */
export async function setPostHidden(tx: Executor, id: string, reason: HiddenReason | null): Promise<void> {
  await tx
    .update(posts)
    .set(reason ? { hiddenAt: sql`now()`, hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
    .where(eq(posts.id, id));
}

/** Hides a thread from readers (`reason`), or shows it again (`null`). */
export async function setThreadHidden(tx: Executor, id: string, reason: HiddenReason | null): Promise<void> {
  await tx
    .update(threads)
    .set(reason ? { hiddenAt: sql`now()`, hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
    .where(eq(threads.id, id));
}

/** Marks a thread deleted (or restores it with `false`). */
export async function setThreadDeleted(tx: Executor, id: string, deleted: boolean): Promise<void> {
  await tx
    .update(threads)
    .set({ deletedAt: deleted ? sql`now()` : null })
    .where(eq(threads.id, id));
}

/** Restores a soft-deleted post. */
export async function restorePost(tx: Executor, id: string): Promise<void> {
  await tx.update(posts).set({ deletedAt: null }).where(eq(posts.id, id));
}

/**
 * For the logs: the thread behind post and thread ids, its category now and whether the public may read
 * it. A merged thread is judged by the thread it was merged into (its posts live there now).
 */
export async function threadsOfTargets(db: Executor, postIds: string[], threadIds: string[]) {
  const into = alias(threads, 'merged_into');
  const intoCategory = alias(categories, 'merged_into_category');
  const columns = {
    threadId: threads.id,
    title: threads.title,
    readAccess: sql<string>`coalesce(${intoCategory.readAccess}, ${categories.readAccess})`,
    categoryId: sql<string>`coalesce(${into.categoryId}, ${threads.categoryId})`,
    deleted: sql<boolean>`(${threads.deletedAt} is not null or ${into.deletedAt} is not null)`,
    hidden: sql<boolean>`(${threads.hiddenAt} is not null or ${into.hiddenAt} is not null)`,
  };
  const byPost = postIds.length
    ? await db
        .select({ targetId: posts.id, ...columns })
        .from(posts)
        .innerJoin(threads, eq(threads.id, posts.threadId))
        .innerJoin(categories, eq(categories.id, threads.categoryId))
        .leftJoin(into, eq(into.id, threads.mergedIntoId))
        .leftJoin(intoCategory, eq(intoCategory.id, into.categoryId))
        .where(inArray(posts.id, postIds))
    : [];
  const byThread = threadIds.length
    ? await db
        .select({ targetId: threads.id, ...columns })
        .from(threads)
        .innerJoin(categories, eq(categories.id, threads.categoryId))
        .leftJoin(into, eq(into.id, threads.mergedIntoId))
        .leftJoin(intoCategory, eq(intoCategory.id, into.categoryId))
        .where(inArray(threads.id, threadIds))
    : [];
  return { byPost, byThread };
}
