import { validationError } from '@server/errors';
import type { z } from 'zod';
import {
  MODERATION_ACTIONS,
  type auditQuerySchema,
  type AuditPage,
  type PublicLogEntryDto,
  type PublicLogPage,
} from '@shared/api/moderation';
import { audit, type AuditListRow } from '@server/audit';
import type { MemberRow } from '@server/members';
import { actorOf } from '@server/forum';
import { isGlobalModerator, moderatesCategory } from '@shared/forum-policy';
import type { ModerationDeps } from './moderation.context';
import { presentAudit } from './moderation.presenter';

/** Actions on forum content that the public log lists (when the content is in a public category). */
const PUBLIC_CONTENT_ACTIONS = MODERATION_ACTIONS.filter(
  (action) => action.startsWith('post.') || action.startsWith('thread.'),
);

/** Account actions the public log lists without naming the member or saying why. */
const PUBLIC_MEMBER_ACTIONS = ['member.suspend', 'member.reinstate'] as const;

const parseId = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,15}$/.test(cursor)) throw validationError({ cursor: { code: 'invalid_value' } });
  return Number(cursor);
};

/** The audit log for staff, and the public moderation log for everyone. */
export function createLogService(deps: ModerationDeps) {
  const { db } = deps;

  /** Which rows of a batch the public may see, and how. */
  const publicEntries = async (rows: AuditListRow[]): Promise<PublicLogEntryDto[]> => {
    const threads = await deps.forum.threadsOf(rows);
    const out: PublicLogEntryDto[] = [];
    for (const row of rows) {
      const moderator = deps.settings.moderationLogNames === 'shown' && row.actorName ? row.actorName : null;
      const base = {
        id: String(row.id),
        action: row.action,
        targetType: row.targetType,
        moderator,
        createdAt: row.createdAt.toISOString(),
      };
      if ((PUBLIC_MEMBER_ACTIONS as readonly string[]).includes(row.action)) {
        // An account action is listed, but never whom it concerned nor the moderator's words.
        out.push({ ...base, thread: null, reason: null });
        continue;
      }
      const thread = threads.get(`${row.targetType}:${row.targetId ?? ''}`);
      if (!thread || thread.readAccess !== 'public') continue;
      out.push({
        ...base,
        // Readers cannot see a hidden or removed thread: the log does not name it either.
        thread: thread.deleted || thread.hidden ? null : { id: thread.threadId, title: thread.title },
        reason: row.reason,
      });
    }
    return out;
  };

  return {
    /**
     * A page of the audit log, newest first, filtered (staff only; the routes guard it). Moderators of
     * every category and admins read all of it. A scoped moderator reads, like every other read of
     * theirs, only entries about posts and threads whose thread is now in one of their categories:
     * member-wide entries (suspensions, warnings, badges, roles, watched words, messages, profiles) are
     * for moderators of every category.
     */
    async audit(member: MemberRow, query: z.output<typeof auditQuerySchema>): Promise<AuditPage> {
      const actor = actorOf(member);
      const filter = {
        action: query.action,
        actorId: query.actorId,
        targetType: query.targetType,
        targetId: query.targetId,
      };
      if (isGlobalModerator(actor)) {
        const rows = await audit.list(db, {
          ...filter,
          beforeId: parseId(query.cursor),
          limit: query.limit + 1,
        });
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return {
          items: page.map(presentAudit),
          nextCursor: rows.length > query.limit && last ? String(last.id) : null,
        };
      }
      let beforeId = parseId(query.cursor);
      const items: AuditListRow[] = [];
      let exhausted = false;
      // Entries outside the moderator's categories are skipped, so a page may take a few batches.
      for (let round = 0; round < 5 && items.length < query.limit && !exhausted; round += 1) {
        const batch = await audit.list(db, {
          ...filter,
          targetTypes: ['post', 'thread'],
          beforeId,
          limit: 100,
        });
        exhausted = batch.length < 100;
        const last = batch.at(-1);
        if (!last) break;
        const threads = await deps.forum.threadsOf(batch);
        for (const row of batch) {
          const thread = threads.get(`${row.targetType}:${row.targetId ?? ''}`);
          if (items.length < query.limit && thread && moderatesCategory(actor, thread.categoryId))
            items.push(row);
        }
        const lastTaken = items.at(-1);
        beforeId = items.length >= query.limit && lastTaken ? lastTaken.id : last.id;
      }
      return {
        items: items.map(presentAudit),
        nextCursor:
          exhausted && items.length < query.limit ? null : beforeId !== undefined ? String(beforeId) : null,
      };
    },

    /**
     * A page of the public log: actions on content in public categories (with the thread, when it still
     * exists, and the moderator's reason) and suspensions without names or reasons. Nothing from
     * messages, profiles, members-only or moderators-only categories, flags or internal notes.
     */
    async publicLog(query: { cursor?: string; limit: number }): Promise<PublicLogPage> {
      let beforeId = parseId(query.cursor);
      const items: PublicLogEntryDto[] = [];
      let exhausted = false;
      // Rows about private content are skipped, so a page may take a few batches to fill.
      for (let round = 0; round < 5 && items.length < query.limit && !exhausted; round += 1) {
        const batch = await audit.list(db, {
          actions: [...PUBLIC_CONTENT_ACTIONS, ...PUBLIC_MEMBER_ACTIONS],
          beforeId,
          limit: 100,
        });
        exhausted = batch.length < 100;
        const last = batch.at(-1);
        if (!last) break;
        for (const entry of await publicEntries(batch)) {
          if (items.length < query.limit) items.push(entry);
        }
        const lastTaken = items.at(-1);
        beforeId = items.length >= query.limit && lastTaken ? Number(lastTaken.id) : last.id;
      }
      return {
        items,
        nextCursor:
          exhausted && items.length < query.limit ? null : beforeId !== undefined ? String(beforeId) : null,
      };
    },
  };
}

/** The log service. */
export type LogService = ReturnType<typeof createLogService>;
