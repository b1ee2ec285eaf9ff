import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { categories, postReactions, posts, threadFollows, threads, threadTags } from '@server/db/schema';

/** The threads a member opened, oldest first, with category slug and tags. */
export function threadsWrittenBy(db: Executor, memberId: string) {
  return db
    .select({
      id: threads.id,
      category: categories.slug,
      kind: threads.kind,
      title: threads.title,
      lang: threads.lang,
      tags: sql<
        string[]
      >`array(select ${threadTags.tag} from ${threadTags} where ${threadTags.threadId} = ${threads.id} order by ${threadTags.tag})`,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .where(eq(threads.authorId, memberId))
    .orderBy(asc(threads.createdAt), asc(threads.id));
}

/** The posts a member wrote (deleted ones included: they are still theirs), oldest first. */
export function postsWrittenBy(db: Executor, memberId: string) {
  return db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      parentId: posts.parentId,
      seq: posts.seq,
      source: posts.bodySource,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
    })
    .from(posts)
    .where(eq(posts.authorId, memberId))
    .orderBy(asc(posts.createdAt), asc(posts.id));
}

/** The reactions a member gave. */
export function reactionsGivenBy(db: Executor, memberId: string) {
  return db
    .select({ postId: postReactions.postId, kind: postReactions.kind, createdAt: postReactions.createdAt })
    .from(postReactions)
    .where(eq(postReactions.memberId, memberId))
    .orderBy(asc(postReactions.createdAt));
}

/** The threads a member follows. */
export function followsOf(db: Executor, memberId: string) {
  return db
    .select({ threadId: threadFollows.threadId, createdAt: threadFollows.createdAt })
    .from(threadFollows)
    .where(eq(threadFollows.memberId, memberId))
    .orderBy(asc(threadFollows.createdAt));
}
