import type { Database, Executor } from '@server/db/pool';
import { notFound } from '@server/errors';
import type { MemberRow, MemberService } from '@server/members';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';
import type { HiddenReason } from '@shared/moderation';
import { actorOf, canRead } from './thread.policy';
import { lockPost, revisePost, softDeletePost } from './post.queries';
import { lockThread, updateThread } from './thread.queries';
import {
  findPostTarget,
  findThreadTarget,
  restorePost,
  setPostHidden,
  setThreadDeleted,
  setThreadHidden,
  threadsOfTargets,
} from './content-moderation.queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What moderation reads and changes of the forum: posts and threads as targets (with their category, for
 * scoped moderators), hiding, deleting with the post service's semantics, restoring, and editing with a
 * revision that names the moderator. Moderation records the audit entries in the same transaction.
 */
export function createForumModeration(db: Database, members: MemberService) {
  return {
    /** A post as a flag or an item target. */
    post: (id: string, tx: Executor = db) => findPostTarget(tx, id),
    /** A thread as a flag or an item target. */
    thread: (id: string, tx: Executor = db) => findThreadTarget(tx, id),

    /** Whether `member` may read a post (and so flag it). */
    async readablePost(member: MemberRow, id: string) {
      const post = await findPostTarget(db, id);
      if (!post || post.deletedAt || post.threadDeletedAt || !canRead(actorOf(member), post.readAccess))
        throw notFound();
      return post;
    },

    /** Whether `member` may read a thread (and so flag it). */
    async readableThread(member: MemberRow, id: string) {
      const thread = await findThreadTarget(db, id);
      if (!thread || thread.deletedAt || !canRead(actorOf(member), thread.readAccess)) throw notFound();
      return thread;
    },

    setPostHidden: (tx: Executor, id: string, reason: HiddenReason | null) => setPostHidden(tx, id, reason),
    setThreadHidden: (tx: Executor, id: string, reason: HiddenReason | null) =>
      setThreadHidden(tx, id, reason),

    /** Soft-deletes a post as its author would: the reply count drops, an accepted answer is unaccepted. */
    async deletePost(tx: Executor, id: string): Promise<boolean> {
      const current = await lockPost(tx, id);
      if (!current || current.deletedAt) return false;
      const thread = await lockThread(tx, current.threadId);
      if (!thread) return false;
      await softDeletePost(tx, id);
      await updateThread(tx, current.threadId, {
        ...(current.seq > 1 && { replyCountDelta: -1 }),
        ...(thread.acceptedPostId === id && { acceptedPostId: null }),
      });
      return true;
    },

    /** Restores a deleted post (an overturned removal). */
    async restorePost(tx: Executor, id: string): Promise<boolean> {
      const current = await lockPost(tx, id);
      if (!current?.deletedAt) return false;
      await restorePost(tx, id);
      if (current.seq > 1) await updateThread(tx, current.threadId, { replyCountDelta: 1 });
      return true;
    },

    setThreadDeleted: (tx: Executor, id: string, deleted: boolean) => setThreadDeleted(tx, id, deleted),

    /** A moderator's edit: the previous text is kept as a revision by the moderator (its id returned). */
    async editPost(tx: Executor, id: string, editorId: string, body: string) {
      const current = await lockPost(tx, id);
      if (!current || current.deletedAt) throw notFound();
      const known = await members.knownHandles(mentionCandidates(body));
      const rendered = renderMarkdown(body, { allowImages: true, knownHandles: known });
      const revisionId = await revisePost(tx, current, editorId, {
        bodySource: body,
        bodyHtml: rendered.html,
      });
      return { before: current.bodySource, after: body, revisionId };
    },

    /**
     * For the logs: the thread behind post and thread ids, its category now and that category's access (a
     * merged thread's are those of the thread it joined), and whether it is deleted or hidden.
     */
    async threadsOf(targets: { targetType: string; targetId: string | null }[]) {
      const ids = (type: string) =>
        targets.flatMap((t) =>
          t.targetType === type && t.targetId && UUID.test(t.targetId) ? [t.targetId] : [],
        );
      const { byPost, byThread } = await threadsOfTargets(db, ids('post'), ids('thread'));
      const map = new Map<
        string,
        {
          threadId: string;
          title: string;
          categoryId: string;
          readAccess: string;
          deleted: boolean;
          hidden: boolean;
        }
      >();
      for (const row of byPost) map.set(`post:${row.targetId}`, row);
      for (const row of byThread) map.set(`thread:${row.targetId}`, row);
      return map;
    },
  };
}

/** Moderation's access to the forum. */
export type ForumModeration = ReturnType<typeof createForumModeration>;
