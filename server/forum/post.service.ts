import { AppError, forbidden, notFound, validationError } from '@server/errors';
import type { MemberRow } from '@server/members/member.queries';
import { assertCanWrite } from '@server/members/member.service';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';
import type { ReactionKind } from '@shared/api/threads';
import { badgesFor, type ThreadService, type ThreadServiceDeps, type WriteOptions } from './thread.service';
import { actorOf, canEditPost, canReply, canSeeRevisions, moderatesCategory } from './thread.policy';
import { slowModeWaitSeconds } from './curation.queries';
import { follow, lockThread, markRead, recordReply, updateThread } from './thread.queries';
import {
  findPost,
  findRootPost,
  insertPost,
  listPostsAfter,
  listRevisions,
  lockPost,
  reactionsOf,
  revisePost,
  softDeletePost,
  toggleReaction,
  type PostRow,
} from './post.queries';
import { detectContentLang } from '@server/content/language';
import { tallyReactions } from './reactions';
import { audienceOf } from './forum.hooks';

/** Replies, edits, deletions, reactions and revisions of posts. */
export function createPostService(deps: ThreadServiceDeps, threads: ThreadService) {
  const { db } = deps;

  const render = async (source: string) => {
    const known = await deps.members.knownHandles(mentionCandidates(source));
    return renderMarkdown(source, { allowImages: true, knownHandles: known });
  };

  /** A post of a thread the reader may read, or 404. */
  const readablePost = async (reader: MemberRow | null, id: string) => {
    const post = await findPost(db, id);
    if (!post) throw notFound();
    const thread = await threads.readable(reader, post.threadId);
    return { post, thread };
  };

  /** Counts and the member's own reactions for one post. */
  const reactionsFor = async (postId: string, memberId: string | null) => {
    const tally = tallyReactions(await reactionsOf(db, [postId], memberId));
    return { counts: tally.counts.get(postId), mine: tally.mine.get(postId) ?? [] };
  };

  const mention = (post: PostRow, handles: string[]) => {
    if (handles.length && post.authorId) {
      deps.events.emit('post.mentioned', {
        postId: post.id,
        threadId: post.threadId,
        authorId: post.authorId,
        handles,
      });
    }
  };

  return {
    /**
     * Replies in a thread, under `parentId` (a post of the same thread) or under the opening post. The
     * thread row is locked so that `seq` and the counters stay exact under concurrent replies.
     */
    async reply(
      member: MemberRow,
      threadId: string,
      input: { body: string; parentId?: string },
      options: WriteOptions = { rateLimit: true },
    ) {
      assertCanWrite(member);
      const thread = await threads.readable(member, threadId);
      if (thread.mergedIntoId) throw new AppError(409, 'thread_merged');
      if (thread.categoryArchived) throw new AppError(409, 'category_archived');
      // Moderators of the thread's category may still reply to a locked thread, and skip slow mode.
      const moderates = moderatesCategory(actorOf(member), thread.categoryId);
      if (!canReply(actorOf(member), { locked: thread.lockedAt !== null, categoryId: thread.categoryId }))
        throw new AppError(403, 'thread_locked');
      // A post's thread never changes, so its parent can be checked before the transaction.
      const parent = input.parentId ? await findPost(db, input.parentId) : await findRootPost(db, threadId);
      if (!parent || parent.threadId !== threadId) {
        throw validationError({ parentId: { code: 'parent_not_in_thread' } });
      }
      const rendered = await render(input.body);
      if (options.rateLimit) await deps.limits.consume(member);
      const postId = await db.transaction(async (tx) => {
        const locked = await lockThread(tx, threadId);
        if (!locked) throw notFound();
        if (locked.mergedIntoId) throw new AppError(409, 'thread_merged');
        if (locked.lockedAt && !moderates) throw new AppError(403, 'thread_locked');
        if (locked.slowModeMinutes > 0 && !moderates) {
          const minutes = locked.slowModeMinutes;
          const wait = await slowModeWaitSeconds(tx, { threadId, memberId: member.id, minutes });
          if (wait > 0) {
            throw new AppError(429, 'slow_mode', {
              params: { minutes, wait: Math.max(1, Math.ceil(wait / 60)) },
              retryAfterSeconds: Math.max(1, Math.ceil(wait)),
            });
          }
        }
        const seq = locked.postCount + 1;
        const id = await insertPost(tx, {
          threadId,
          authorId: member.id,
          parentId: parent.id,
          seq,
          path: [...parent.path, seq],
          bodySource: input.body,
          bodyHtml: rendered.html,
          lang: detectContentLang(input.body),
        });
        await recordReply(tx, threadId, seq, member.id);
        await follow(tx, member.id, threadId);
        await markRead(tx, member.id, threadId, seq);
        const audience = await audienceOf(
          tx,
          deps.members,
          { id, threadId, authorId: member.id, parentAuthorId: parent.authorId },
          { title: thread.title, categoryId: thread.categoryId, readAccess: thread.categoryReadAccess },
          rendered.mentions,
        );
        await deps.hooks.postCreated(tx, audience);
        return id;
      });
      const post = await findPost(db, postId);
      if (!post) throw notFound();
      deps.events.emit('post.created', { postId: post.id, threadId, authorId: member.id });
      mention(post, rendered.mentions);
      return { post, thread: await threads.readable(member, threadId), mentions: rendered.mentions };
    },

    /** The author (or a moderator) edits a post; the previous text is kept as a revision. */
    async edit(member: MemberRow, id: string, body: string) {
      assertCanWrite(member);
      const { post, thread } = await readablePost(member, id);
      if (post.deletedAt) throw notFound();
      if (
        !canEditPost(actorOf(member), {
          authorId: post.authorId,
          deleted: false,
          categoryId: thread.categoryId,
        })
      )
        throw forbidden();
      const before = new Set(mentionCandidates(post.bodySource));
      const rendered = await render(body);
      await db.transaction(async (tx) => {
        const current = await lockPost(tx, id);
        if (!current || current.deletedAt) throw notFound();
        await revisePost(tx, current, member.id, { bodySource: body, bodyHtml: rendered.html });
      });
      const updated = await findPost(db, id);
      if (!updated) throw notFound();
      const added = rendered.mentions.filter((h) => !before.has(h));
      mention(updated, added);
      const reactions = await reactionsFor(id, member.id);
      return { post: updated, reactions: reactions.counts, mentions: added };
    },

    /**
     * Soft-deletes a post: a placeholder stays while replies hang from it. A deleted accepted answer is
     * unaccepted; the opening post's text can go, the thread stays.
     */
    async remove(member: MemberRow, id: string) {
      assertCanWrite(member);
      const { post, thread } = await readablePost(member, id);
      if (post.deletedAt) throw notFound();
      if (
        !canEditPost(actorOf(member), {
          authorId: post.authorId,
          deleted: false,
          categoryId: thread.categoryId,
        })
      )
        throw forbidden();
      await db.transaction(async (tx) => {
        const thread = await lockThread(tx, post.threadId);
        const current = await lockPost(tx, id);
        if (!thread || !current || current.deletedAt) throw notFound();
        await softDeletePost(tx, id);
        await updateThread(tx, post.threadId, {
          ...(post.seq > 1 && { replyCountDelta: -1 }),
          ...(thread.acceptedPostId === id && { acceptedPostId: null }),
        });
      });
      const deleted = await findPost(db, id);
      if (!deleted) throw notFound();
      return { post: deleted, thread: await threads.readable(member, post.threadId) };
    },

    /** Gives or takes back one reaction of a kind on a post. */
    async react(member: MemberRow, id: string, kind: ReactionKind) {
      assertCanWrite(member);
      const { post } = await readablePost(member, id);
      if (post.deletedAt) throw notFound();
      await db.transaction((tx) => toggleReaction(tx, id, member.id, kind));
      const reactions = await reactionsFor(id, member.id);
      return { post, reactions: reactions.counts, mine: reactions.mine };
    },

    /** Earlier versions of a post, for its author and moderators. */
    async revisions(member: MemberRow, id: string) {
      const { post, thread } = await readablePost(member, id);
      if (!canSeeRevisions(actorOf(member), { authorId: post.authorId, categoryId: thread.categoryId }))
        throw forbidden();
      return listRevisions(db, id);
    },

    /** What a reconnecting client missed: posts after `afterSeq`, in time order. */
    async after(reader: MemberRow | null, threadId: string, afterSeq: number, limit: number) {
      await threads.readable(reader, threadId);
      const rows = await listPostsAfter(db, threadId, afterSeq, limit);
      const [reactions, badges] = await Promise.all([
        reactionsOf(
          db,
          rows.map((r) => r.id),
          reader?.id ?? null,
        ),
        badgesFor(deps.authors, rows),
      ]);
      return { rows, tally: tallyReactions(reactions), badges };
    },

    /** Renders a draft exactly as it would be stored, for the composer's preview. */
    async preview(body: string): Promise<string> {
      return (await render(body)).html;
    },
  };
}

/** The post service. */
export type PostService = ReturnType<typeof createPostService>;
