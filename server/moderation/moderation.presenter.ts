import { cursorTimestamp, cursorUuid, decodeCursorTuple, encodeCursorTuple } from '@server/cursor';
import type {
  AuditEntryDto,
  ModerationPerson,
  ModerationSnapshot,
  NoticeDto,
  QueueItemDto,
} from '@shared/api/moderation';
import { APPEALABLE_NOTICES } from '@shared/api/moderation';
import type { FlagReason } from '@shared/moderation';
import type { AuditListRow } from '@server/audit';
import type { AppealRow, ItemRow, NoticeRow } from './moderation.queries';

/** A person from joined columns, or null when the account is gone. */
export function presentPerson(
  id: string | null,
  handle: string | null | undefined,
  displayName: string | null | undefined,
): ModerationPerson | null {
  return id && handle && displayName ? { id, handle, displayName } : null;
}

/**
 * Which version of its content a safeguard item shows: 1 when it opened, one more at each edit. Approving
 * names the version the moderator saw, so nobody publishes a text they did not read.
 */
export function snapshotVersion(snapshot: Record<string, unknown>): number {
  return typeof snapshot.version === 'number' ? snapshot.version : 1;
}

/** Plain text of sanitized HTML, shortened: queue rows show an excerpt. */
export function excerptOf(snapshot: ModerationSnapshot, max = 160): string {
  const text = (snapshot.source ?? snapshot.html?.replace(/<[^>]*>/g, ' ') ?? snapshot.appeal?.body ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A queue row. */
export function presentItem(
  row: ItemRow,
  reasons: FlagReason[],
  people: Map<string, ModerationPerson>,
): QueueItemDto {
  const snapshot = row.snapshot as ModerationSnapshot;
  return {
    id: row.id,
    kind: row.kind,
    targetType: row.targetType,
    targetId: row.targetId,
    status: row.status,
    flagCount: row.flagCount,
    reasons: [...new Set(reasons)],
    subject: row.subjectId ? (people.get(row.subjectId) ?? null) : null,
    assignee: row.assigneeId ? (people.get(row.assigneeId) ?? null) : null,
    categoryId: row.categoryId,
    excerpt: excerptOf(snapshot),
    title: snapshot.title ?? null,
    resolution: row.resolution,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An audit entry for staff. */
export function presentAudit(row: AuditListRow): AuditEntryDto {
  return {
    id: String(row.id),
    action: row.action,
    actor: presentPerson(row.actorId, row.actorHandle, row.actorName),
    targetType: row.targetType,
    targetId: row.targetId,
    reason: row.reason,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A notice for its member. */
export function presentNotice(notice: NoticeRow, appeal: AppealRow | null, title: string | null): NoticeDto {
  return {
    id: notice.id,
    kind: notice.kind,
    reason: notice.reason,
    targetType: notice.targetType,
    targetId: notice.targetId,
    title,
    endsAt: notice.endsAt?.toISOString() ?? null,
    createdAt: notice.createdAt.toISOString(),
    appealable: APPEALABLE_NOTICES.includes(notice.kind) && appeal === null,
    appeal: appeal
      ? {
          id: appeal.id,
          body: appeal.body,
          outcome: appeal.outcome,
          createdAt: appeal.createdAt.toISOString(),
        }
      : null,
  };
}

/** Encodes a (createdAt, id) position. */
export function encodeTimeCursor(createdAt: Date, id: string): string {
  return encodeCursorTuple([createdAt.toISOString(), id]);
}

/** Decodes a (createdAt, id) position, or throws a 400 when it is not one of ours. */
export function decodeTimeCursor(value: string): { createdAt: Date; id: string } {
  const [at, id] = decodeCursorTuple(value, 2);
  return { createdAt: new Date(cursorTimestamp(at)), id: cursorUuid(id) };
}
