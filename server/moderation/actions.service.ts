import { randomUUID } from 'node:crypto';
import { AppError, forbidden, notFound, validationError } from '@server/errors';
import type { Tx } from '@server/db/pool';
import type { MemberRow } from '@server/members';
import { audit } from '@server/audit';
import { isGlobalModerator, type Actor } from '@shared/forum-policy';
import type { ItemAction, ModerationSnapshot, SuspendRequest } from '@shared/api/moderation';
import { PATHS, threadPath } from '@shared/routes';
import { notifyNotice, notifyReporters, type ModerationDeps } from './moderation.context';
import { recordEvent } from '@server/events';
import {
  appealOfItem,
  closeFlags,
  decideAppeal,
  findItem,
  flagsOfItems,
  insertNotice,
  type NewNotice,
  updateItem,
  type ItemRow,
} from './moderation.queries';
import { canHandle, currentCategory } from './queue.service';
import { actorOf } from '@server/forum';

/** What an action takes: a reason, a suspension length, or an edited text. */
export interface ActionInput {
  reason?: string;
  days?: SuspendRequest['days'];
  body?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How much of an edited text the audit log keeps: enough to recognise it; the revision has the rest. */
const AUDIT_EXCERPT_CHARS = 140;

/** The start of a text, for an audit entry. */
const excerpt = (text: string): string =>
  text.length > AUDIT_EXCERPT_CHARS ? `${text.slice(0, AUDIT_EXCERPT_CHARS)}…` : text;

/** Members told by a notice: only an existing subject. */
const requireSubject = (item: ItemRow): string => {
  if (!item.subjectId) throw new AppError(409, 'action_not_applicable');
  return item.subjectId;
};

/** Moderator actions on queue items and on members, each recorded in the audit log in its transaction. */
export function createActionService(deps: ModerationDeps) {
  const { db } = deps;

  /** A notice to a member, with its in-app notification. */
  const notice = async (tx: Tx, values: NewNotice) => {
    const row = await insertNotice(tx, values);
    await notifyNotice(deps, tx, row);
    return row;
  };

  /** Suspends a member (inside `tx`): status, notice, audit; their sockets close after commit. */
  const suspend = async (
    tx: Tx,
    actor: MemberRow,
    memberId: string,
    input: { days: SuspendRequest['days']; reason: string },
    itemId: string | null,
  ) => {
    const [target] = await deps.members.findManyByIds([memberId], tx);
    if (!target) throw notFound();
    if (target.role !== 'member') throw forbidden();
    const until = input.days === null ? null : new Date(Date.now() + input.days * DAY_MS);
    await deps.members.setSuspension(tx, memberId, { until, reason: input.reason });
    await notice(tx, {
      memberId,
      kind: 'suspension',
      reason: input.reason,
      targetType: 'member',
      targetId: memberId,
      itemId,
      endsAt: until,
    });
    await audit.record(tx, {
      actorId: actor.id,
      action: 'member.suspend',
      targetType: 'member',
      targetId: memberId,
      reason: input.reason,
      before: { status: target.status },
      after: { status: 'suspended', until: until?.toISOString() ?? null, days: input.days },
    });
    recordEvent(tx, { type: 'member.access.revoked', memberId });
  };

  /** Makes a suspended member active again (inside `tx`). */
  const reinstate = async (tx: Tx, actor: MemberRow, memberId: string, reason: string | undefined) => {
    const [target] = await deps.members.findManyByIds([memberId], tx);
    if (!target) throw notFound();
    if (target.status !== 'suspended') throw new AppError(409, 'action_not_applicable');
    await deps.members.setSuspension(tx, memberId, null);
    await audit.record(tx, {
      actorId: actor.id,
      action: 'member.reinstate',
      targetType: 'member',
      targetId: memberId,
      reason: reason ?? null,
      before: { status: 'suspended', until: target.suspendedUntil?.toISOString() ?? null },
      after: { status: 'active' },
    });
    // Each reinstatement is its own notification (and its own source for live delivery).
    const sourceId = randomUUID();
    await deps.notifications.record(tx, [
      {
        memberId,
        kind: 'moderation',
        groupKey: `reinstated:${sourceId}`,
        actorId: null,
        title: deps.translator.t(target.locale, 'moderation:noticeTitle.reinstated'),
        link: PATHS.notices,
        sourceId,
      },
    ]);
  };

  /** A warning (inside `tx`). */
  const warn = async (tx: Tx, actor: MemberRow, memberId: string, reason: string, item: ItemRow | null) => {
    const [target] = await deps.members.findManyByIds([memberId], tx);
    if (!target) throw notFound();
    await notice(tx, {
      memberId,
      kind: 'warning',
      reason,
      targetType: item?.targetType ?? 'member',
      targetId: item?.targetId ?? memberId,
      itemId: item?.id ?? null,
      endsAt: null,
    });
    await audit.record(tx, {
      actorId: actor.id,
      action: 'member.warn',
      targetType: 'member',
      targetId: memberId,
      reason,
    });
  };

  /** Where a reporter's notification points: the thread for forum content, else their notifications. */
  const linkOf = (item: ItemRow) => {
    const snapshot = item.snapshot as ModerationSnapshot;
    if (snapshot.threadId && (item.targetType === 'post' || item.targetType === 'thread')) {
      return item.targetType === 'post' && snapshot.postId
        ? `${threadPath(snapshot.threadId)}#post-${snapshot.postId}`
        : threadPath(snapshot.threadId);
    }
    return PATHS.notifications;
  };

  /** Closes an item with a resolution; its reporters hear the outcome in their language. */
  const close = async (tx: Tx, actor: MemberRow, item: ItemRow, resolution: string) => {
    const status = resolution === 'dismissed' ? 'dismissed' : 'resolved';
    await updateItem(tx, item.id, { status, resolution, resolvedById: actor.id, resolvedAt: new Date() });
    const flags = (await flagsOfItems(tx, [item.id])).filter((f) => f.closedAt === null);
    await closeFlags(tx, item.id);
    if (item.kind === 'flag') {
      const snapshot = item.snapshot as ModerationSnapshot;
      await notifyReporters(
        deps,
        tx,
        {
          id: item.id,
          title: item.targetType === 'post' || item.targetType === 'thread' ? (snapshot.title ?? null) : null,
          link: linkOf(item),
        },
        flags.map((f) => ({ id: f.reporterId, locale: f.reporterLocale })),
        resolution,
      );
    }
  };

  /** Hides or shows forum content (inside `tx`). */
  const setHidden = async (tx: Tx, actor: MemberRow, item: ItemRow, hidden: boolean, reason?: string) => {
    if (item.targetType === 'post')
      await deps.forum.setPostHidden(tx, item.targetId, hidden ? 'moderator' : null);
    else if (item.targetType === 'thread')
      await deps.forum.setThreadHidden(tx, item.targetId, hidden ? 'moderator' : null);
    else throw new AppError(409, 'action_not_applicable');
    await audit.record(tx, {
      actorId: actor.id,
      action: `${item.targetType}.${hidden ? 'hide' : 'unhide'}`,
      targetType: item.targetType,
      targetId: item.targetId,
      reason: reason ?? null,
      after: { hidden },
    });
  };

  /** Deletes the content (inside `tx`) and tells its author with a removal notice they may appeal. */
  const remove = async (tx: Tx, actor: MemberRow, item: ItemRow, reason: string) => {
    let done: boolean;
    switch (item.targetType) {
      case 'post':
        done = await deps.forum.deletePost(tx, item.targetId);
        break;
      case 'thread': {
        const thread = await deps.forum.thread(item.targetId, tx);
        done = !!thread && !thread.deletedAt;
        if (done) await deps.forum.setThreadDeleted(tx, item.targetId, true);
        break;
      }
      case 'message':
        done = await deps.messages.remove(tx, item.targetId);
        break;
      case 'profile':
      case 'member':
        throw new AppError(409, 'action_not_applicable');
    }
    if (!done) throw new AppError(409, 'action_not_applicable');
    await audit.record(tx, {
      actorId: actor.id,
      action: `${item.targetType}.delete`,
      targetType: item.targetType,
      targetId: item.targetId,
      reason,
    });
    if (item.subjectId) {
      await notice(tx, {
        memberId: item.subjectId,
        kind: 'removal',
        reason,
        targetType: item.targetType,
        targetId: item.targetId,
        itemId: item.id,
        endsAt: null,
      });
    }
  };

  /** Decides an appeal (inside `tx`): overturning undoes the suspension or the removal. */
  const decide = async (
    tx: Tx,
    actor: MemberRow,
    item: ItemRow,
    outcome: 'upheld' | 'overturned',
    reason?: string,
  ) => {
    const found = await appealOfItem(tx, item.id);
    if (!found) throw new AppError(409, 'action_not_applicable');
    const { appeal, notice: original } = found;
    if (appeal.outcome) throw new AppError(409, 'item_closed');
    if (outcome === 'overturned') {
      if (original.kind === 'suspension') {
        const [member] = await deps.members.findManyByIds([original.memberId], tx);
        if (member?.status === 'suspended') await deps.members.setSuspension(tx, member.id, null);
      } else if (original.targetType === 'post') {
        await deps.forum.restorePost(tx, original.targetId);
      } else if (original.targetType === 'thread') {
        await deps.forum.setThreadDeleted(tx, original.targetId, false);
      }
    }
    await decideAppeal(tx, appeal.id, outcome);
    await audit.record(tx, {
      actorId: actor.id,
      action: outcome === 'upheld' ? 'appeal.uphold' : 'appeal.overturn',
      targetType: 'member',
      targetId: original.memberId,
      reason: reason ?? null,
      after: {
        notice: original.id,
        kind: original.kind,
        targetType: original.targetType,
        targetId: original.targetId,
      },
    });
    const [member] = await deps.members.findManyByIds([original.memberId], tx);
    if (member) {
      await deps.notifications.record(tx, [
        {
          memberId: member.id,
          kind: 'moderation',
          groupKey: `appeal:${appeal.id}`,
          actorId: null,
          title: deps.translator.t(member.locale, `moderation:noticeTitle.appeal_${outcome}`),
          link: PATHS.notices,
          sourceId: appeal.id,
        },
      ]);
    }
  };

  /** The actor's right to take `action` on `item`, whose content is in `categoryId` now. */
  const authorize = (actor: Actor, item: ItemRow, categoryId: string | null, action: ItemAction) => {
    if (!canHandle(actor, categoryId)) throw notFound();
    const memberLevel = ['warn', 'suspend', 'reinstate', 'uphold', 'overturn'].includes(action);
    if (memberLevel && !isGlobalModerator(actor)) throw forbidden();
    if ((action === 'uphold' || action === 'overturn') !== (item.kind === 'appeal')) {
      throw new AppError(409, 'action_not_applicable');
    }
  };

  return {
    /** Takes one action from a queue item. */
    async onItem(member: MemberRow, id: string, action: ItemAction, input: ActionInput): Promise<void> {
      const actor = actorOf(member);
      const found = await findItem(db, id);
      if (!found) throw notFound();
      authorize(actor, found, await currentCategory(deps.forum, found), action);
      await db.transaction(async (tx) => {
        const item = await findItem(tx, id, true);
        if (!item) throw notFound();
        const open = item.status === 'open' || item.status === 'in_progress';
        const reopenable = action === 'unhide' || action === 'reinstate';
        if (!open && !reopenable) throw new AppError(409, 'item_closed');
        switch (action) {
          case 'dismiss': {
            await audit.record(tx, {
              actorId: member.id,
              action: 'flag.dismiss',
              targetType: item.targetType,
              targetId: item.targetId,
              reason: input.reason ?? null,
            });
            // Content hidden by members' flags comes back when moderators find nothing wrong.
            const target =
              item.targetType === 'post'
                ? await deps.forum.post(item.targetId, tx)
                : item.targetType === 'thread'
                  ? await deps.forum.thread(item.targetId, tx)
                  : undefined;
            if (target?.hiddenReason === 'flags') await setHidden(tx, member, item, false, input.reason);
            await close(tx, member, item, 'dismissed');
            break;
          }
          case 'hide':
            await setHidden(tx, member, item, true, input.reason);
            if (item.targetType === 'thread')
              recordEvent(tx, { type: 'thread.access.narrowed', threadId: item.targetId });
            await close(tx, member, item, 'hidden');
            break;
          case 'unhide':
            await setHidden(tx, member, item, false, input.reason);
            break;
          case 'delete':
            if (!input.reason) throw validationError({ reason: { code: 'required' } });
            await remove(tx, member, item, input.reason);
            if (item.targetType === 'thread')
              recordEvent(tx, { type: 'thread.access.narrowed', threadId: item.targetId });
            await close(tx, member, item, 'deleted');
            break;
          case 'edit': {
            if (!input.body) throw validationError({ body: { code: 'required' } });
            const postId =
              item.targetType === 'post'
                ? item.targetId
                : item.targetType === 'thread'
                  ? (await deps.forum.thread(item.targetId, tx))?.rootPostId
                  : undefined;
            if (!postId) throw new AppError(409, 'action_not_applicable');
            const change = await deps.forum.editPost(tx, postId, member.id, input.body);
            await audit.record(tx, {
              actorId: member.id,
              action: `${item.targetType}.edit`,
              targetType: item.targetType,
              targetId: item.targetId,
              reason: input.reason ?? null,
              // The full texts stay in the post's revisions, for those who may read the post.
              before: { excerpt: excerpt(change.before), revisionId: change.revisionId },
              after: { excerpt: excerpt(change.after) },
            });
            await close(tx, member, item, 'edited');
            break;
          }
          case 'warn':
            if (!input.reason) throw validationError({ reason: { code: 'required' } });
            await warn(tx, member, requireSubject(item), input.reason, item);
            await close(tx, member, item, 'warned');
            break;
          case 'suspend':
            if (!input.reason || input.days === undefined)
              throw validationError({ reason: { code: 'required' } });
            await suspend(
              tx,
              member,
              requireSubject(item),
              { days: input.days, reason: input.reason },
              item.id,
            );
            await close(tx, member, item, 'suspended');
            break;
          case 'reinstate':
            await reinstate(tx, member, requireSubject(item), input.reason);
            break;
          case 'uphold':
          case 'overturn': {
            const outcome = action === 'uphold' ? 'upheld' : 'overturned';
            await decide(tx, member, item, outcome, input.reason);
            await close(tx, member, item, outcome);
            break;
          }
        }
        recordEvent(tx, { type: 'moderation.item.changed', itemId: item.id });
      });
    },

    /** A member-level action outside any item: warn, suspend, reinstate (global moderators and admins). */
    async onMember(
      member: MemberRow,
      memberId: string,
      action: 'warn' | 'suspend' | 'reinstate',
      input: ActionInput,
    ): Promise<void> {
      const actor = actorOf(member);
      if (!isGlobalModerator(actor)) throw forbidden();
      await db.transaction(async (tx) => {
        if (action === 'warn') await warn(tx, member, memberId, input.reason ?? '', null);
        else if (action === 'suspend') {
          await suspend(tx, member, memberId, { days: input.days ?? null, reason: input.reason ?? '' }, null);
        } else await reinstate(tx, member, memberId, input.reason);
      });
    },
  };
}

/** The action service. */
export type ActionService = ReturnType<typeof createActionService>;
