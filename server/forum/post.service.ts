import { AppError, forbidden, notFound, validationError } from '@server/errors';
import { assertCanWrite, type MemberRow } from '@server/members';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';
import type { ReactionKind } from '@shared/api/threads';
import type { Executor, Tx } from '@server/db/pool';
import {
  badgesFor,
  PUBLISH,
  type ThreadService,
  type ThreadServiceDeps,
  type WriteOptions,
} from './thread.service';
import {
  actorOf,
  claimedActorOf,
  assertModeratorSecondFactor,
  canEditPost,
  canReply,
  canSeeRevisions,
  moderatesCategory,
} from './thread.policy';
import { slowModeWaitSeconds } from './curation.queries';
import {
  findThread,
  follow,
  lockThread,
  markRead,
  publishReply,
  recordReply,
  reserveSeq,
  setThreadHidden,
  softDeleteThread,
  updateThread,
} from './thread.queries';
import {
  countPublishedPosts,
  findPost,
  findRootPost,
  insertPost,
  listPostsAfter,
  listRevisions,
  lockPost,
  reactionsOf,
  revisePost,
  setPostHidden,
  softDeletePost,
  toggleReaction,
} from './post.queries';
import { detectContentLang } from '@server/content/language';
import { tallyReactions } from './reactions';
import { audienceOf } from './post.audience';
import { recordEvent } from '@server/events';

/**
 * How many of a member's posts readers were allowed to see (published, not waiting for review or
 * rejected): the moderation safeguards hold a new member's posts until enough were published.
 */
export function countPublishedPostsOf(db: Executor, authorId: string): Promise<number> {
  return countPublishedPosts(db, authorId);
}

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
    // Nobody but its author and the category's moderators learns that a pending post exists.
    if (
      post.hiddenReason === 'pending_review' &&
      post.authorId !== reader?.id &&
      !threads.moderates(reader, thread.categoryId)
    ) {
      throw notFound();
    }
    return { post, thread };
  };

  /** Counts and the member's own reactions for one post. */
  const reactionsFor = async (postId: string, memberId: string | null) => {
    const tally = tallyReactions(await reactionsOf(db, [postId], memberId));
    return { counts: tally.counts.get(postId), mine: tally.mine.get(postId) ?? [] };
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
      const lang = detectContentLang(input.body);
      const verdict =
        (options.screen ?? options.rateLimit)
          ? await deps.screening.screen({
              member,
              kind: 'reply',
              lang: lang ?? thread.lang,
              body: input.body,
              html: rendered.html,
            })
          : PUBLISH;
      const held = verdict.hold !== null;
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
          lang,
          ...(held && { hiddenReason: 'pending_review' as const }),
        });
        // A reply waiting for review takes its place but moves no reader's counters until approved.
        if (held) await reserveSeq(tx, threadId, seq);
        else await recordReply(tx, threadId, seq, member.id);
        await follow(tx, member.id, threadId);
        await markRead(tx, member.id, threadId, seq);
        if (held || verdict.flag) {
          await deps.screening.record(tx, verdict, {
            postId: id,
            threadId,
            categoryId: thread.categoryId,
            authorId: member.id,
            kind: 'reply',
            title: thread.title,
            body: input.body,
            html: rendered.html,
          });
        }
        if (held) return id;
        const audience = await audienceOf(
          tx,
          deps.members,
          { id, threadId, authorId: member.id, parentAuthorId: parent.authorId },
          { title: thread.title, categoryId: thread.categoryId, readAccess: thread.categoryReadAccess },
          rendered.mentions,
        );
        recordEvent(tx, { type: 'post.created', postId: id, threadId, audience });
        return id;
      });
      const post = await findPost(db, postId);
      if (!post) throw notFound();
      return { post, thread: await threads.readable(member, threadId), mentions: rendered.mentions, held };
    },

    /** The author (or a moderator) edits a post; the previous text is kept as a revision. */
    async edit(member: MemberRow, id: string, body: string) {
      assertCanWrite(member);
      const { post, thread } = await readablePost(member, id);
      if (post.deletedAt) throw notFound();
      if (
        !canEditPost(claimedActorOf(member), {
          authorId: post.authorId,
          deleted: false,
          categoryId: thread.categoryId,
        })
      )
        throw forbidden();
      if (post.authorId !== member.id) assertModeratorSecondFactor(member);
      const before = new Set(mentionCandidates(post.bodySource));
      const rendered = await render(body);
      const verdict = await deps.screening.screen({
        member,
        kind: post.seq === 1 ? 'thread' : 'reply',
        lang: post.lang,
        body,
        html: rendered.html,
        edit: true,
      });
      await db.transaction(async (tx) => {
        const current = await lockPost(tx, id);
        if (!current || current.deletedAt) throw notFound();
        await revisePost(tx, current, member.id, { bodySource: body, bodyHtml: rendered.html });
        // A moderator deciding on this post must see this text: its open review items follow.
        await deps.screening.revised(tx, { postId: id, editorId: member.id, body, html: rendered.html });
        if (verdict.flag && post.authorId) {
          await deps.screening.record(tx, verdict, {
            postId: id,
            threadId: post.threadId,
            categoryId: thread.categoryId,
            authorId: post.authorId,
            kind: post.seq === 1 ? 'thread' : 'reply',
            title: thread.title,
            body,
            html: rendered.html,
          });
        }
        recordEvent(tx, { type: 'post.updated', postId: id, threadId: post.threadId, threadChanged: false });
      });
      const updated = await findPost(db, id);
      if (!updated) throw notFound();
      const added = rendered.mentions.filter((h) => !before.has(h));
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
        !canEditPost(claimedActorOf(member), {
          authorId: post.authorId,
          deleted: false,
          categoryId: thread.categoryId,
        })
      )
        throw forbidden();
      if (post.authorId !== member.id) assertModeratorSecondFactor(member);
      await db.transaction(async (tx) => {
        const thread = await lockThread(tx, post.threadId);
        const current = await lockPost(tx, id);
        if (!thread || !current || current.deletedAt) throw notFound();
        await softDeletePost(tx, id);
        await updateThread(tx, post.threadId, {
          // A reply still waiting for review was never counted.
          ...(post.seq > 1 && current.hiddenReason !== 'pending_review' && { replyCountDelta: -1 }),
          ...(thread.acceptedPostId === id && { acceptedPostId: null }),
        });
        recordEvent(tx, { type: 'post.updated', postId: id, threadId: post.threadId, threadChanged: true });
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
      await db.transaction(async (tx) => {
        await toggleReaction(tx, id, member.id, kind);
        recordEvent(tx, { type: 'post.updated', postId: id, threadId: post.threadId, threadChanged: false });
      });
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

    /**
     * Locks a post and its thread before a moderator decides on it, in the order edits and thread changes
     * take them, so a decision never interleaves with an edit (nor deadlocks with one).
     */
    async lockForDecision(tx: Tx, id: string) {
      const post = await findPost(tx, id);
      if (!post) return;
      await lockThread(tx, post.threadId);
      await lockPost(tx, id);
    },

    /**
     * Publishes a post that waited for review, inside the moderator's transaction: it (and its thread,
     * for an opening post) becomes visible, the thread's counters move, and the notifications it would
     * have written then are written now. Readers hear of it after the commit (`post.created`).
     */
    async publish(tx: Tx, id: string) {
      const current = await lockPost(tx, id);
      if (!current || current.deletedAt || current.hiddenReason !== 'pending_review') return null;
      await lockThread(tx, current.threadId);
      const thread = await findThread(tx, current.threadId, null);
      if (!thread) return null;
      await setPostHidden(tx, id, null);
      if (current.seq === 1) {
        if (thread.hiddenReason === 'pending_review') await setThreadHidden(tx, thread.id, null);
      } else {
        await publishReply(tx, thread.id, current.authorId);
      }
      const handles = mentionCandidates(current.bodySource);
      const parent = current.parentId ? await findPost(tx, current.parentId) : undefined;
      const audience =
        current.authorId &&
        (await audienceOf(
          tx,
          deps.members,
          {
            id,
            threadId: thread.id,
            authorId: current.authorId,
            parentAuthorId: current.seq === 1 ? null : (parent?.authorId ?? null),
          },
          { title: thread.title, categoryId: thread.categoryId, readAccess: thread.categoryReadAccess },
          handles,
        ));
      recordEvent(tx, { type: 'post.created', postId: id, threadId: thread.id, audience: audience || null });
      return { postId: id, threadId: thread.id };
    },

    /**
     * Removes a post that waited for review (a moderator rejected it), inside the moderator's
     * transaction; an opening post takes its thread with it. Readers never saw either.
     */
    async withdraw(tx: Tx, id: string) {
      const current = await lockPost(tx, id);
      if (!current || current.deletedAt) return null;
      const thread = await findThread(tx, current.threadId, null);
      if (!thread) return null;
      await softDeletePost(tx, id);
      if (current.seq === 1) await softDeleteThread(tx, thread.id);
      else if (current.hiddenReason !== 'pending_review') {
        await updateThread(tx, thread.id, {
          replyCountDelta: -1,
          ...(thread.acceptedPostId === id && { acceptedPostId: null }),
        });
      }
      // Watchers saw a flagged post and now see it removed; a thread gone with its opening post is
      // closed to its watchers (its author).
      if (current.hiddenAt === null) {
        recordEvent(tx, { type: 'post.updated', postId: id, threadId: thread.id, threadChanged: true });
      }
      if (current.seq === 1) recordEvent(tx, { type: 'thread.access.narrowed', threadId: thread.id });
      return {
        threadId: thread.id,
        title: thread.title,
        authorId: current.authorId,
        seq: current.seq,
        wasHidden: current.hiddenAt !== null,
      };
    },

    /** A post with its reaction counts, and its thread, as readers see them now (to announce a change). */
    async current(id: string) {
      const post = await findPost(db, id);
      const thread = post ? await findThread(db, post.threadId, null) : undefined;
      if (!post || !thread) return null;
      const { counts } = await reactionsFor(id, null);
      return { post, reactions: counts, thread };
    },

    /** What a reconnecting client missed: posts after `afterSeq`, in time order. */
    async after(reader: MemberRow | null, threadId: string, afterSeq: number, limit: number) {
      const thread = await threads.readable(reader, threadId);
      const moderator = threads.moderates(reader, thread.categoryId);
      const rows = await listPostsAfter(
        db,
        threadId,
        afterSeq,
        limit,
        moderator ? 'all' : reader ? { authorId: reader.id } : null,
      );
      const [reactions, badges] = await Promise.all([
        reactionsOf(
          db,
          rows.map((r) => r.id),
          reader?.id ?? null,
        ),
        badgesFor(deps.authors, rows),
      ]);
      return { rows, tally: tallyReactions(reactions), badges, moderates: moderator };
    },

    /**
     * Renders a draft exactly as it would be stored, for the composer's preview. Rendering is the
     * costly part of posting, so previews are rate-limited per member and per address like posts.
     */
    async preview(member: MemberRow, body: string, ip: string): Promise<string> {
      await deps.limits.consumePreview(member, ip);
      return (await render(body)).html;
    },
  };
}

/** The post service. */
export type PostService = ReturnType<typeof createPostService>;
