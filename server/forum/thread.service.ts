import type { z } from 'zod';
import { AppError, forbidden, notFound, validationError } from '@server/errors';
import type { Database, Executor } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { assertCanWrite, type MemberRow, type MemberService } from '@server/members';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';
import type {
  createThreadSchema,
  threadListQuerySchema,
  threadQuerySchema,
  updateThreadSchema,
} from '@shared/api/threads';
import type { Locale } from '@shared/constants';
import type { RecentContribution, VerifiedBadge } from '@shared/api/directory';
import type { CategoryService } from './category.service';
import { audienceOf } from './post.audience';
import type { PostLimits } from './post-limits';
import type { ViewCounter } from './view-counter';
import { decodeListCursor, decodePostCursor, encodeListCursor, encodePostCursor } from './cursor';
import {
  actorOf,
  claimedActorOf,
  assertModeratorSecondFactor,
  canAccept,
  canRead,
  hiddenThreadsShown,
  moderatesCategory,
  readableAccess,
} from './thread.policy';
import { audit } from '@server/audit';
import type { PostScreening, ScreenVerdict } from './forum.screening';
import {
  findThread,
  follow,
  insertThread,
  listThreads,
  lockThread,
  markRead,
  pinRankOf,
  recentPostsBy,
  setThreadTags,
  sortKey,
  unfollow,
  updateThread,
  type ThreadRow,
} from './thread.queries';
import { findPost, findRootPost, insertPost, listPosts, reactionsOf, type PostRow } from './post.queries';
import { tallyReactions } from './reactions';

/** Who answers which authors carry a verified role badge (the directory service). */
export interface AuthorBadges {
  badgesOf(memberIds: readonly string[]): Promise<Map<string, VerifiedBadge>>;
}

/** The badges of the authors of some posts. */
export function badgesFor(authors: AuthorBadges, rows: readonly { authorId: string | null }[]) {
  return authors.badgesOf(rows.flatMap((row) => (row.authorId ? [row.authorId] : [])));
}

/** What the thread service is built from. */
export interface ThreadServiceDeps {
  db: Database;
  members: MemberService;
  /** The directory's verified badges, shown next to authors on thread pages. */
  authors: AuthorBadges;
  categories: CategoryService;
  limits: PostLimits;
  views: ViewCounter;
  /** The moderation safeguards: review of new members' posts, watched words, link limits. */
  screening: PostScreening;
}

/**
 * How a write is made: members' writes count against posting limits and pass the safeguards; the demo
 * seed's do neither (`screen` defaults to `rateLimit`).
 */
export interface WriteOptions {
  rateLimit: boolean;
  screen?: boolean;
}

/** A verdict that publishes as written. */
export const PUBLISH: ScreenVerdict = { hold: null, flag: false, words: [] };

/** Reading, starting and curating threads. Replies, edits and reactions are in the post service. */
export function createThreadService(deps: ThreadServiceDeps) {
  const { db } = deps;

  /**
   * A thread the reader may read, or 404 (existence is not revealed). A hidden or removed thread is
   * read only by the category's moderators, and a thread waiting for review also by its author.
   */
  const readable = async (reader: MemberRow | null, id: string): Promise<ThreadRow> => {
    const thread = await findThread(db, id, reader?.id ?? null);
    if (!thread || !canRead(actorOf(reader), thread.categoryReadAccess, thread.categoryId)) throw notFound();
    if (thread.hiddenAt || thread.deletedAt) {
      const own =
        reader !== null &&
        thread.authorId === reader.id &&
        thread.hiddenReason === 'pending_review' &&
        !thread.deletedAt;
      if (!own && !moderates(reader, thread.categoryId)) throw notFound();
    }
    return thread;
  };

  /** Whether the reader moderates the category (sees hidden content there, labelled). */
  const moderates = (reader: MemberRow | null, categoryId: string): boolean =>
    moderatesCategory(actorOf(reader), categoryId);

  return {
    readable,
    moderates,

    /**
     * Whether a thread the reader could have read was removed by a moderator or its author: its address
     * then answers 410 Gone, not 404 (a thread in a category they may not read stays unknown to them).
     */
    async removed(reader: MemberRow | null, id: string): Promise<boolean> {
      const thread = await findThread(db, id, reader?.id ?? null);
      return Boolean(
        thread?.deletedAt && canRead(actorOf(reader), thread.categoryReadAccess, thread.categoryId),
      );
    },

    /** A thread's shared state as it is now, whoever reads it (to announce a change to its watchers). */
    current(id: string): Promise<ThreadRow | undefined> {
      return findThread(db, id, null);
    },

    /** A member's latest threads and replies that `reader` may read, newest first (for their profile). */
    async recentBy(reader: MemberRow | null, authorId: string, limit = 10): Promise<RecentContribution[]> {
      const rows = await recentPostsBy(
        db,
        authorId,
        readableAccess(actorOf(reader)),
        limit,
        reader?.id === authorId,
      );
      return rows.map((row) => ({
        kind: row.seq === 1 ? 'thread' : 'reply',
        threadId: row.threadId,
        threadTitle: row.threadTitle,
        postId: row.postId,
        createdAt: row.createdAt.toISOString(),
      }));
    },

    /** Starts a question or discussion: the thread, its opening post, tags, and the author's follow. */
    async create(
      member: MemberRow,
      input: z.output<typeof createThreadSchema>,
      options: WriteOptions = { rateLimit: true },
    ) {
      assertCanWrite(member);
      const category = await deps.categories.findById(input.categoryId);
      if (!category || !canRead(actorOf(member), category.readAccess, category.id)) {
        throw validationError({ categoryId: { code: 'invalid_value' } });
      }
      if (category.archivedAt) throw new AppError(409, 'category_archived');
      const known = await deps.members.knownHandles(mentionCandidates(input.body));
      const rendered = renderMarkdown(input.body, { allowImages: true, knownHandles: known });
      const lang = input.lang ?? member.locale;
      const verdict =
        (options.screen ?? options.rateLimit)
          ? await deps.screening.screen({
              member,
              kind: 'thread',
              lang,
              title: input.title,
              body: input.body,
              html: rendered.html,
            })
          : PUBLISH;
      const held = verdict.hold !== null;
      if (options.rateLimit) await deps.limits.consume(member);
      const { threadId, postId } = await db.transaction(async (tx) => {
        const id = await insertThread(tx, {
          categoryId: category.id,
          authorId: member.id,
          kind: input.kind,
          title: input.title,
          lang,
          ...(held && { hiddenReason: 'pending_review' as const }),
        });
        const post = await insertPost(tx, {
          threadId: id,
          authorId: member.id,
          parentId: null,
          seq: 1,
          path: [1],
          bodySource: input.body,
          bodyHtml: rendered.html,
          ...(held && { hiddenReason: 'pending_review' as const }),
        });
        await setThreadTags(tx, id, input.tags);
        await follow(tx, member.id, id);
        await markRead(tx, member.id, id, 1);
        if (held || verdict.flag) {
          await deps.screening.record(tx, verdict, {
            postId: post,
            threadId: id,
            categoryId: category.id,
            authorId: member.id,
            kind: 'thread',
            title: input.title,
            body: input.body,
            html: rendered.html,
          });
        }
        // A post waiting for review tells nobody; its approval runs what follows.
        if (held) return { threadId: id, postId: post };
        const audience = await audienceOf(
          tx,
          deps.members,
          { id: post, threadId: id, authorId: member.id, parentAuthorId: null },
          { title: input.title, categoryId: category.id, readAccess: category.readAccess },
          rendered.mentions,
        );
        recordEvent(tx, { type: 'post.created', postId: post, threadId: id, audience });
        return { threadId: id, postId: post };
      });
      const [thread, post] = await Promise.all([readable(member, threadId), findPost(db, postId)]);
      if (!post) throw notFound();
      return { thread, post, mentions: rendered.mentions, held };
    },

    /**
     * One page of a thread in the chosen view, with the accepted answer and reaction counts: a bounded
     * number of queries whatever the thread's size. The view is counted in memory, not written now.
     */
    async page(reader: MemberRow | null, id: string, query: z.output<typeof threadQuerySchema>) {
      const after = query.cursor === undefined ? undefined : decodePostCursor(query.cursor);
      const thread = await readable(reader, id);
      const canModerate = moderates(reader, thread.categoryId);
      if (thread.mergedIntoId) {
        // Its posts are in the target now: the page only points there, if the reader may read it.
        await readable(reader, thread.mergedIntoId);
        return {
          thread,
          posts: [],
          accepted: undefined,
          reactions: tallyReactions([]),
          badges: new Map(),
          nextCursor: null,
          canModerate,
        };
      }
      const moderator = canModerate;
      const rows = await listPosts(db, {
        threadId: id,
        view: query.view,
        after,
        limit: query.limit + 1,
        pending: moderator ? 'all' : reader ? { authorId: reader.id } : null,
      });
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      let accepted: PostRow | undefined;
      if (thread.acceptedPostId) {
        accepted =
          page.find((p) => p.id === thread.acceptedPostId) ?? (await findPost(db, thread.acceptedPostId));
      }
      const ids = page.map((p) => p.id);
      if (accepted && !ids.includes(accepted.id)) ids.push(accepted.id);
      const [tally, badges] = await Promise.all([
        reactionsOf(db, ids, reader?.id ?? null),
        badgesFor(deps.authors, accepted ? [...page, accepted] : page),
      ]);
      const reactions = tallyReactions(tally);
      deps.views.record(id);
      const last = page.at(-1);
      const nextCursor =
        more && last ? encodePostCursor(query.view === 'threaded' ? last.path : [last.seq]) : null;
      return {
        thread,
        posts: page,
        accepted:
          accepted?.deletedAt || (accepted?.hiddenReason === 'pending_review' && !moderator)
            ? undefined
            : accepted,
        reactions,
        badges,
        nextCursor,
        canModerate,
      };
    },

    /** Threads of one category (by slug) or of every readable category, in one order, by cursor. */
    async list(
      reader: MemberRow | null,
      query: z.output<typeof threadListQuerySchema>,
      categorySlug?: string,
      locale: Locale = 'es',
    ) {
      const cursor = query.cursor === undefined ? undefined : decodeListCursor(query.cursor, query.sort);
      const category = categorySlug ? await deps.categories.get(locale, categorySlug, reader) : undefined;
      const actor = actorOf(reader);
      const rows = await listThreads(db, {
        hidden: hiddenThreadsShown(actor),
        categoryId: category?.id,
        access: readableAccess(actor),
        sort: query.sort,
        cursor,
        limit: query.limit + 1,
        memberId: reader?.id ?? null,
      });
      const more = rows.length > query.limit;
      const items = more ? rows.slice(0, query.limit) : rows;
      const last = items.at(-1);
      const column = sortKey(query.sort).column.name;
      let nextCursor: string | null = null;
      if (more && last) {
        const value =
          column === 'reply_count'
            ? last.replyCount
            : (column === 'created_at' ? last.createdAt : last.lastPostAt).toISOString();
        nextCursor = encodeListCursor({ value, id: last.id, pin: pinRankOf(last, category !== undefined) });
      }
      return { items, nextCursor };
    },

    /**
     * The author (title, tags) or a moderator of its category (also pin in the category, lock) changes a
     * thread. A moderator's changes to someone else's thread, pins and locks are recorded in the audit
     * trail; the moderator's own tools are the curation routes.
     */
    async update(member: MemberRow, id: string, input: z.output<typeof updateThreadSchema>) {
      assertCanWrite(member);
      const thread = await readable(member, id);
      if (thread.mergedIntoId) throw new AppError(409, 'thread_merged');
      // As stored: a moderator without a second factor is told to enrol (below), not refused.
      const moderator = moderatesCategory(claimedActorOf(member), thread.categoryId);
      if (!moderator && (input.pinned !== undefined || input.locked !== undefined)) throw forbidden();
      if (!moderator && thread.authorId !== member.id) throw forbidden();
      const pinsOrLocks = input.pinned !== undefined || input.locked !== undefined;
      if (pinsOrLocks || thread.authorId !== member.id) assertModeratorSecondFactor(member);
      const record = (tx: Executor, action: string, before: unknown, after: unknown) =>
        audit.record(tx, { actorId: member.id, action, targetType: 'thread', targetId: id, before, after });
      const verdict =
        input.title !== undefined && input.title !== thread.title
          ? await deps.screening.screen({
              member,
              kind: 'thread',
              lang: thread.lang,
              title: input.title,
              body: '',
              html: '',
              edit: true,
            })
          : PUBLISH;
      const retitled = input.title !== undefined && input.title !== thread.title ? input.title : undefined;
      await db.transaction(async (tx) => {
        await lockThread(tx, id);
        const root = retitled !== undefined ? await findRootPost(tx, id) : undefined;
        // A moderator deciding on the opening post must see this title: its open review items follow.
        if (root && retitled !== undefined) {
          await deps.screening.revised(tx, { postId: root.id, editorId: member.id, title: retitled });
        }
        if (root && retitled !== undefined && verdict.flag) {
          await deps.screening.record(tx, verdict, {
            postId: root.id,
            threadId: id,
            categoryId: thread.categoryId,
            authorId: thread.authorId ?? member.id,
            kind: 'thread',
            title: retitled,
            body: '',
            html: '',
          });
        }
        await updateThread(tx, id, {
          ...(input.title !== undefined && { title: input.title }),
          ...(input.pinned !== undefined && {
            pinnedAt: input.pinned ? (thread.pinnedAt ?? new Date()) : null,
            pinScope: input.pinned ? (thread.pinScope ?? ('category' as const)) : null,
          }),
          ...(input.locked !== undefined && {
            lockedAt: input.locked ? (thread.lockedAt ?? new Date()) : null,
          }),
        });
        if (input.tags) await setThreadTags(tx, id, input.tags);
        recordEvent(tx, { type: 'thread.updated', threadId: id });
        if (input.pinned !== undefined && input.pinned !== (thread.pinnedAt !== null)) {
          await record(
            tx,
            input.pinned ? 'thread.pin' : 'thread.unpin',
            { pinScope: thread.pinScope },
            { pinScope: input.pinned ? 'category' : null },
          );
        }
        if (input.locked !== undefined && input.locked !== (thread.lockedAt !== null)) {
          await record(
            tx,
            input.locked ? 'thread.lock' : 'thread.unlock',
            { locked: !input.locked },
            { locked: input.locked },
          );
        }
        if (thread.authorId !== member.id && (input.title !== undefined || input.tags !== undefined)) {
          await record(
            tx,
            'thread.edit',
            { title: thread.title, tags: thread.tags },
            { title: input.title ?? thread.title, tags: [...(input.tags ?? thread.tags)].sort() },
          );
        }
      });
      return readable(member, id);
    },

    /** The question's author (or a moderator) accepts a reply as the answer, or unaccepts with `null`. */
    async accept(member: MemberRow, id: string, postId: string | null) {
      assertCanWrite(member);
      const thread = await readable(member, id);
      if (thread.kind !== 'question') throw new AppError(409, 'not_a_question');
      if (!canAccept(claimedActorOf(member), thread)) throw forbidden();
      if (thread.authorId !== member.id) assertModeratorSecondFactor(member);
      const post = postId === null ? undefined : await findPost(db, postId);
      if (postId !== null) {
        if (!post || post.threadId !== id || post.seq === 1 || post.deletedAt) {
          throw validationError({ postId: { code: 'invalid_value' } });
        }
      }
      await db.transaction(async (tx) => {
        await lockThread(tx, id);
        await updateThread(tx, id, { acceptedPostId: postId });
        if (post?.authorId && post.authorId !== member.id && postId !== thread.acceptedPostId) {
          recordEvent(tx, {
            type: 'answer.accepted',
            postId: post.id,
            threadId: id,
            threadTitle: thread.title,
            answerAuthorId: post.authorId,
            acceptedById: member.id,
          });
        }
        recordEvent(tx, { type: 'thread.updated', threadId: id });
      });
      return readable(member, id);
    },

    /** Follows or stops following a thread (any signed-in reader: it writes nothing others see). */
    async setFollowing(member: MemberRow, id: string, following: boolean) {
      await readable(member, id);
      if (following) await follow(db, member.id, id);
      else await unfollow(db, member.id, id);
      return readable(member, id);
    },

    /** Moves the member's read position forward to `seq` (capped at the thread's last post). */
    async markRead(member: MemberRow, id: string, seq: number): Promise<number> {
      const thread = await readable(member, id);
      return markRead(db, member.id, id, Math.min(seq, thread.postCount));
    },
  };
}

/** The thread service. */
export type ThreadService = ReturnType<typeof createThreadService>;
