import type { z } from 'zod';
import { AppError, forbidden, notFound, validationError } from '@server/errors';
import type { Database, Tx } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { assertCanWrite, type MemberRow } from '@server/members';
import { audit } from '@server/audit';
import { moderatesCategory, type Actor } from '@shared/forum-policy';
import type { PinScope } from '@shared/moderation';
import type { editThreadSchema, featuredQuerySchema } from '@shared/api/curation';
import type { CategoryService } from './category.service';
import type { ThreadService } from './thread.service';
import { actorOf, claimedActorOf, readableAccess } from './thread.policy';
import { lockThread, setThreadTags, updateThread, type ThreadRow } from './thread.queries';
import { findRootPost } from './post.queries';
import type { PostScreening } from './forum.screening';
import { cursorTimestamp, cursorUuid, decodeCursorTuple, encodeCursorTuple } from '@server/cursor';
import {
  carryFollows,
  carryReadPositions,
  listFeatured,
  markMerged,
  movePosts,
  postIdsOfThread,
  recountThread,
  reindexPosts,
  type FeaturedCursor,
} from './curation.queries';

/** What the curation service is built from. */
export interface CurationServiceDeps {
  db: Database;
  threads: ThreadService;
  categories: CategoryService;
  /** Told when content changes category, so that its review items follow it. */
  screening: Pick<PostScreening, 'relocated'>;
}

type ThreadChanges = Parameters<typeof updateThread>[2];

/** One curation action: what it changes and what the audit trail records before and after. */
interface Change {
  action: string;
  changes: ThreadChanges;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Writes beyond the thread's own columns, in the same transaction. */
  extra?: (tx: Tx) => Promise<void>;
  /** Whether fewer people may read the thread afterwards (its watchers are re-checked). */
  narrows?: boolean;
}

const stamp = (on: boolean, current: Date | null) => (on ? (current ?? new Date()) : null);

function encodeFeatured(row: ThreadRow): string | null {
  if (!row.featuredAt) return null;
  return encodeCursorTuple([row.featuredAt.toISOString(), row.id]);
}

function decodeFeatured(value: string): FeaturedCursor {
  const [at, id] = decodeCursorTuple(value, 2);
  return { featuredAt: cursorTimestamp(at), id: cursorUuid(id) };
}

/**
 * Moderators curate threads: pin, feature, lock, close, slow mode, retitle, move and merge. Each action
 * is checked against the moderator's categories and recorded in the audit trail in its transaction.
 */
export function createCurationService(deps: CurationServiceDeps) {
  const { db } = deps;

  /** A live thread the member moderates, with the member as an actor with their scopes. */
  const moderated = async (member: MemberRow, id: string): Promise<{ thread: ThreadRow; actor: Actor }> => {
    assertCanWrite(member);
    const thread = await deps.threads.readable(member, id);
    // Curation is reached only through the staff routes, whose guard wants a second factor; the demo
    // seed acts as its moderator directly. The role as stored decides here.
    const actor = claimedActorOf(member);
    if (!moderatesCategory(actor, thread.categoryId)) throw forbidden();
    if (thread.mergedIntoId) throw new AppError(409, 'thread_merged');
    return { thread, actor };
  };

  /** Applies one change with its audit entry; a change that changes nothing writes nothing. */
  const apply = async (
    member: MemberRow,
    id: string,
    reason: string | undefined,
    decide: (thread: ThreadRow) => Change,
  ): Promise<ThreadRow> => {
    const { thread } = await moderated(member, id);
    const change = decide(thread);
    if (JSON.stringify(change.before) === JSON.stringify(change.after)) return thread;
    await db.transaction(async (tx) => {
      const locked = await lockThread(tx, id);
      if (!locked) throw notFound();
      if (locked.mergedIntoId) throw new AppError(409, 'thread_merged');
      await updateThread(tx, id, change.changes);
      await change.extra?.(tx);
      await audit.record(tx, {
        actorId: member.id,
        action: change.action,
        targetType: 'thread',
        targetId: id,
        reason: reason ?? null,
        before: change.before,
        after: change.after,
      });
      recordEvent(tx, { type: 'thread.updated', threadId: id });
      if (change.narrows) recordEvent(tx, { type: 'thread.access.narrowed', threadId: id });
    });
    return deps.threads.readable(member, id);
  };

  const assertQuestion = (thread: ThreadRow) => {
    if (thread.kind !== 'question') throw new AppError(409, 'not_a_question');
  };

  return {
    /** Pins a thread first in its category (`category`) or first on every list (`global`). */
    pin(member: MemberRow, id: string, scope: PinScope, reason?: string) {
      return apply(member, id, reason, (t) => ({
        action: 'thread.pin',
        changes: { pinScope: scope, pinnedAt: t.pinScope === scope ? t.pinnedAt : new Date() },
        before: { pinScope: t.pinScope },
        after: { pinScope: scope },
      }));
    },

    /** Unpins a thread. */
    unpin(member: MemberRow, id: string, reason?: string) {
      return apply(member, id, reason, (t) => ({
        action: 'thread.unpin',
        changes: { pinScope: null, pinnedAt: null },
        before: { pinScope: t.pinScope },
        after: { pinScope: null },
      }));
    },

    /** Features a thread on the home page, or stops featuring it. */
    setFeatured(member: MemberRow, id: string, featured: boolean, reason?: string) {
      return apply(member, id, reason, (t) => ({
        action: featured ? 'thread.feature' : 'thread.unfeature',
        changes: { featuredAt: stamp(featured, t.featuredAt) },
        before: { featured: t.featuredAt !== null },
        after: { featured },
      }));
    },

    /** Locks a thread (no replies but moderators'), or unlocks it. */
    setLocked(member: MemberRow, id: string, locked: boolean, reason?: string) {
      return apply(member, id, reason, (t) => ({
        action: locked ? 'thread.lock' : 'thread.unlock',
        changes: { lockedAt: stamp(locked, t.lockedAt) },
        before: { locked: t.lockedAt !== null },
        after: { locked },
      }));
    },

    /** Closes a question as answered, or reopens it. Closed questions still take replies. */
    setClosed(member: MemberRow, id: string, closed: boolean, reason?: string) {
      return apply(member, id, reason, (t) => {
        assertQuestion(t);
        return {
          action: closed ? 'thread.close' : 'thread.reopen',
          changes: { closedAt: stamp(closed, t.closedAt) },
          before: { closed: t.closedAt !== null },
          after: { closed },
        };
      });
    },

    /** Sets slow mode: one post per member per `minutes` (0 turns it off). */
    setSlowMode(member: MemberRow, id: string, minutes: number, reason?: string) {
      return apply(member, id, reason, (t) => ({
        action: 'thread.slow_mode',
        changes: { slowModeMinutes: minutes },
        before: { slowModeMinutes: t.slowModeMinutes },
        after: { slowModeMinutes: minutes },
      }));
    },

    /** Retitles or retags a thread. */
    edit(member: MemberRow, id: string, input: z.output<typeof editThreadSchema>) {
      return apply(member, id, input.reason, (t) => {
        const title = input.title ?? t.title;
        const tags = input.tags ?? t.tags;
        return {
          action: 'thread.edit',
          changes: { title },
          before: { title: t.title, tags: t.tags },
          after: { title, tags: [...tags].sort() },
          extra: input.tags ? (tx) => setThreadTags(tx, id, tags) : undefined,
        };
      });
    },

    /**
     * Moves a thread to another category. Both categories must be the moderator's; follows and read
     * positions stay (they belong to the thread); readers of the new category's access see it.
     */
    async move(member: MemberRow, id: string, categoryId: string, reason?: string) {
      const { thread, actor } = await moderated(member, id);
      const category = await deps.categories.findById(categoryId);
      if (!category || category.id === thread.categoryId) {
        throw validationError({ categoryId: { code: 'invalid_value' } });
      }
      if (!moderatesCategory(actor, category.id)) throw forbidden();
      if (category.archivedAt) throw new AppError(409, 'category_archived');
      return apply(member, id, reason, (t) => ({
        action: 'thread.move',
        changes: { categoryId: category.id },
        before: { categoryId: t.categoryId },
        after: { categoryId: category.id },
        // Who may read the thread depends on where it went: watchers who no longer may leave its room.
        narrows: true,
        extra: async (tx) =>
          deps.screening.relocated(tx, {
            threadIds: [id],
            postIds: await postIdsOfThread(tx, id),
            categoryId: category.id,
          }),
      }));
    },

    /**
     * Merges thread `id` into `targetId`: its posts are appended to the target in time order (its
     * opening post becoming a reply to the target's), counters are recomputed, follows and read
     * positions carried over, and `id` is left as a pointer to the target. The target keeps its own
     * accepted answer; when it has none and is a question, the merged thread's accepted answer becomes
     * the target's (a merge joins duplicates of one question).
     */
    async merge(member: MemberRow, id: string, targetId: string, reason?: string) {
      const { thread: source, actor } = await moderated(member, id);
      if (targetId === id) throw validationError({ targetId: { code: 'invalid_value' } });
      const target = await deps.threads.readable(member, targetId).catch(() => undefined);
      if (!target || target.mergedIntoId) throw validationError({ targetId: { code: 'invalid_value' } });
      if (!moderatesCategory(actor, target.categoryId)) throw forbidden();
      // An archived category takes no new posts, merged ones included.
      if (target.categoryArchived) throw new AppError(409, 'category_archived');
      await db.transaction(async (tx) => {
        // Both rows locked in id order, so that two merges of the same pair cannot deadlock.
        const [first, second] = [id, targetId].sort();
        const lockedFirst = await lockThread(tx, first ?? id);
        const lockedSecond = await lockThread(tx, second ?? targetId);
        const from = first === id ? lockedFirst : lockedSecond;
        const into = first === id ? lockedSecond : lockedFirst;
        if (!from || !into) throw notFound();
        if (from.mergedIntoId) throw new AppError(409, 'thread_merged');
        if (into.mergedIntoId) throw validationError({ targetId: { code: 'invalid_value' } });
        const [sourceRoot, targetRoot] = await Promise.all([
          findRootPost(tx, id),
          findRootPost(tx, targetId),
        ]);
        if (!targetRoot) throw notFound();
        await carryReadPositions(tx, { from: id, into: targetId, intoPostCount: into.postCount });
        // Review items about the merged thread and its posts now belong to the target's category.
        await deps.screening.relocated(tx, {
          threadIds: [id],
          postIds: await postIdsOfThread(tx, id),
          categoryId: target.categoryId,
        });
        const moved = await movePosts(tx, {
          from: id,
          into: targetId,
          intoRootId: targetRoot.id,
          intoPostCount: into.postCount,
        });
        if (sourceRoot) await reindexPosts(tx, [sourceRoot.id]);
        await recountThread(tx, targetId);
        const carryAccepted =
          from.acceptedPostId !== null && target.kind === 'question' && into.acceptedPostId === null;
        if (carryAccepted) await updateThread(tx, targetId, { acceptedPostId: from.acceptedPostId });
        await carryFollows(tx, id, targetId);
        await markMerged(tx, id, targetId);
        await audit.record(tx, {
          actorId: member.id,
          action: 'thread.merge',
          targetType: 'thread',
          targetId: id,
          reason: reason ?? null,
          before: { title: source.title, categoryId: source.categoryId, postCount: from.postCount },
          after: {
            mergedInto: targetId,
            movedPosts: moved,
            acceptedPostId: carryAccepted ? from.acceptedPostId : into.acceptedPostId,
          },
        });
        // Both threads' watchers hear of it; the merged thread's are re-checked (its readers follow it).
        for (const threadId of [id, targetId]) {
          recordEvent(tx, { type: 'thread.updated', threadId });
          recordEvent(tx, { type: 'thread.access.narrowed', threadId });
        }
      });
      const [merged, into] = await Promise.all([
        deps.threads.readable(member, id),
        deps.threads.readable(member, targetId),
      ]);
      return { source: merged, target: into };
    },

    /** Featured threads the reader may read, most recently featured first, by cursor. */
    async featured(reader: MemberRow | null, query: z.output<typeof featuredQuerySchema>) {
      const cursor = query.cursor === undefined ? undefined : decodeFeatured(query.cursor);
      const rows = await listFeatured(db, {
        access: readableAccess(actorOf(reader)),
        memberId: reader?.id ?? null,
        cursor,
        limit: query.limit + 1,
      });
      const more = rows.length > query.limit;
      const items = more ? rows.slice(0, query.limit) : rows;
      const last = items.at(-1);
      return { items, nextCursor: more && last ? encodeFeatured(last) : null };
    },
  };
}

/** The curation service. */
export type CurationService = ReturnType<typeof createCurationService>;
