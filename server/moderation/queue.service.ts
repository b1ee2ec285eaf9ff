import { AppError, forbidden, notFound, validationError } from '@server/errors';
import { audit } from '@server/audit';
import type { MemberRow } from '@server/members';
import { isGlobalModerator, moderatesCategory, type Actor } from '@shared/forum-policy';
import {
  moderationSnapshot,
  type ModerationPerson,
  type ModerationSnapshot,
  type ModerationTargetState,
  type QueueItemDetail,
  type QueuePage,
  type QueueQuery,
} from '@shared/api/moderation';
import type { FlagReason } from '@shared/moderation';
import type { ModerationDeps } from './moderation.context';
import { recordEvent } from '@server/events';
import {
  appealOfItem,
  findItem,
  flagsOfItems,
  insertNote,
  listItems,
  listStaff,
  notesOf,
  peopleByIds,
  updateItem,
  type ItemRow,
} from './moderation.queries';
import {
  decodeTimeCursor,
  encodeTimeCursor,
  presentAudit,
  presentItem,
  presentPerson,
  snapshotVersion,
} from './moderation.presenter';
import { actorOf, type ForumModeration } from '@server/forum';

/** Whether the actor may see and act on an item whose content is in `categoryId` now. */
export const canHandle = (actor: Actor, categoryId: string | null) => moderatesCategory(actor, categoryId);

/**
 * The category an item's content is in now, read at the time of each read or action: a post or a thread
 * may have been moved or merged since it was flagged. Other items have no category.
 */
export async function currentCategory(
  forum: Pick<ForumModeration, 'post' | 'thread'>,
  item: Pick<ItemRow, 'targetType' | 'targetId' | 'categoryId'>,
): Promise<string | null> {
  if (item.targetType === 'post') return (await forum.post(item.targetId))?.categoryId ?? item.categoryId;
  if (item.targetType === 'thread') return (await forum.thread(item.targetId))?.categoryId ?? item.categoryId;
  return item.categoryId;
}

/** The review queue: lists within the moderator's scope, an item's page, assignment and notes. */
export function createQueueService(deps: ModerationDeps) {
  const { db } = deps;

  const peopleMap = async (ids: (string | null)[]) => {
    const rows = await peopleByIds(db, [...new Set(ids.filter((id): id is string => id !== null))]);
    return new Map<string, ModerationPerson>(rows.map((r) => [r.id, r]));
  };

  /** An item the actor may handle, or 404 (a scoped moderator does not learn about others' items). */
  const handleable = async (member: MemberRow, id: string) => {
    const actor = actorOf(member);
    const item = await findItem(db, id);
    if (!item) throw notFound();
    const categoryId = await currentCategory(deps.forum, item);
    if (!canHandle(actor, categoryId)) throw notFound();
    return { actor, item, categoryId };
  };

  /** The target's state now. */
  const stateOf = async (item: ItemRow): Promise<ModerationTargetState> => {
    const subject = item.subjectId ? (await deps.members.findManyByIds([item.subjectId]))[0] : undefined;
    const member = {
      memberStatus: subject?.status ?? null,
      suspendedUntil: subject?.suspendedUntil?.toISOString() ?? null,
    };
    switch (item.targetType) {
      case 'post': {
        const post = await deps.forum.post(item.targetId);
        return { exists: !!post, hidden: !!post?.hiddenAt, deleted: !!post?.deletedAt, ...member };
      }
      case 'thread': {
        const thread = await deps.forum.thread(item.targetId);
        return { exists: !!thread, hidden: !!thread?.hiddenAt, deleted: !!thread?.deletedAt, ...member };
      }
      case 'message': {
        const state = await deps.messages.state(item.targetId);
        return { exists: state.exists, hidden: false, deleted: state.deleted, ...member };
      }
      case 'profile':
      case 'member':
        return { exists: !!subject, hidden: false, deleted: false, ...member };
    }
  };

  /**
   * The stored snapshot as moderators see it (the bookkeeping the safeguards keep beside it, such as
   * the matched words and the held flag, stays on the server); for an appeal, with its current outcome.
   */
  const snapshotOf = async (item: ItemRow): Promise<ModerationSnapshot> => {
    const snapshot = Object.fromEntries(
      Object.entries(item.snapshot).filter(([key]) => key in moderationSnapshot.shape),
    ) as ModerationSnapshot;
    if (item.kind === 'new_member_post' || item.kind === 'watched_word') {
      snapshot.version = snapshotVersion(item.snapshot);
      // Items opened before snapshots kept the source under `body`.
      if (snapshot.source === undefined && typeof item.snapshot.body === 'string') {
        snapshot.source = item.snapshot.body;
      }
    }
    if (item.kind !== 'appeal') return snapshot;
    const found = await appealOfItem(db, item.id);
    if (found) {
      snapshot.appeal = { id: found.appeal.id, body: found.appeal.body, outcome: found.appeal.outcome };
    }
    return snapshot;
  };

  return {
    handleable,

    /** A page of the queue, newest first, filtered, within the caller's scope. */
    async list(member: MemberRow, query: QueueQuery): Promise<QueuePage> {
      const actor = actorOf(member);
      const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
      const rows = await listItems(db, {
        statuses: query.status === 'active' ? ['open', 'in_progress'] : [query.status],
        kind: query.kind,
        targetType: query.targetType,
        assignee:
          query.assigned === 'me'
            ? { id: member.id }
            : query.assigned === 'unassigned'
              ? 'unassigned'
              : undefined,
        scopes: isGlobalModerator(actor) ? null : (actor.scopes ?? []),
        after,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const flags = await flagsOfItems(
        db,
        page.map((r) => r.id),
      );
      const reasons = new Map<string, FlagReason[]>();
      for (const flag of flags) reasons.set(flag.itemId, [...(reasons.get(flag.itemId) ?? []), flag.reason]);
      const people = await peopleMap(page.flatMap((r) => [r.subjectId, r.assigneeId]));
      const last = page.at(-1);
      return {
        items: page.map((row) => presentItem(row, reasons.get(row.id) ?? [], people)),
        nextCursor: rows.length > query.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null,
      };
    },

    /** An item's page: snapshot, current state, grouped flags, notes and history. */
    async detail(member: MemberRow, id: string): Promise<QueueItemDetail> {
      const { actor, item } = await handleable(member, id);
      const [flags, notes, state] = await Promise.all([
        flagsOfItems(db, [item.id]),
        notesOf(db, item.id),
        stateOf(item),
      ]);
      const history = await audit.list(db, {
        targetType: item.targetType,
        targetId: item.targetId,
        limit: 100,
      });
      const subjectHistory =
        item.subjectId && item.targetType !== 'member' && isGlobalModerator(actor)
          ? await audit.list(db, { targetType: 'member', targetId: item.subjectId, limit: 50 })
          : [];
      const people = await peopleMap([item.subjectId, item.assigneeId]);
      const counts = new Map<FlagReason, number>();
      for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
      return {
        item: presentItem(
          item,
          flags.map((f) => f.reason),
          people,
        ),
        snapshot: await snapshotOf(item),
        state,
        reasonCounts: [...counts].map(([reason, count]) => ({ reason, count })),
        flags: flags.map((f) => ({
          id: f.id,
          reason: f.reason,
          note: f.note,
          reporter: presentPerson(f.reporterId, f.reporterHandle, f.reporterName),
          createdAt: f.createdAt.toISOString(),
        })),
        notes: notes.map((n) => ({
          id: n.id,
          body: n.body,
          author: presentPerson(n.authorId, n.authorHandle, n.authorName),
          createdAt: n.createdAt.toISOString(),
        })),
        history: [...history, ...subjectHistory].sort((a, b) => a.id - b.id).map(presentAudit),
        canActOnMember: isGlobalModerator(actor) && item.subjectId !== null,
      };
    },

    /** Assigns an item (to the caller by default, `null` to release); an open item goes in progress. */
    async assign(member: MemberRow, id: string, assigneeId: string | null | undefined): Promise<void> {
      const { item, categoryId } = await handleable(member, id);
      const target = assigneeId === undefined ? member.id : assigneeId;
      if (target) {
        const [person] = await deps.members.findManyByIds([target]);
        if (!person || (person.role !== 'moderator' && person.role !== 'admin')) {
          throw validationError({ assigneeId: { code: 'invalid_value' } });
        }
        const actor = actorOf(person);
        if (!canHandle(actor, categoryId)) throw validationError({ assigneeId: { code: 'invalid_value' } });
      }
      if (item.status === 'resolved' || item.status === 'dismissed') throw new AppError(409, 'item_closed');
      await db.transaction(async (tx) => {
        await updateItem(tx, item.id, {
          assigneeId: target,
          status: target ? 'in_progress' : item.status,
        });
        recordEvent(tx, { type: 'moderation.item.changed', itemId: item.id });
      });
    },

    /** Adds an internal note (never shown to members). */
    async addNote(member: MemberRow, id: string, body: string) {
      const { item } = await handleable(member, id);
      const row = await db.transaction((tx) =>
        insertNote(tx, { itemId: item.id, authorId: member.id, body }),
      );
      if (!row) throw new Error('note not stored');
      return {
        id: row.id,
        body: row.body,
        author: { id: member.id, handle: member.handle, displayName: member.displayName },
        createdAt: row.createdAt.toISOString(),
      };
    },

    /** Staff to whom items can be assigned. */
    async moderators(member: MemberRow) {
      if (member.role !== 'moderator' && member.role !== 'admin') throw forbidden();
      return listStaff(db);
    },
  };
}

/** The queue service. */
export type QueueService = ReturnType<typeof createQueueService>;
