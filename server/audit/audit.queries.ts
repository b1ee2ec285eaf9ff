import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { auditLog, members } from '@server/db/schema';

/** An audit row as read from the database. */
export type AuditRow = typeof auditLog.$inferSelect;

/** What one audit entry records. */
export interface NewAuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry; call inside the transaction of the action it records. */
export async function insertAuditEntry(tx: Executor, entry: NewAuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    reason: entry.reason ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Entries about one target, oldest first. */
export function listAuditEntriesFor(db: Executor, targetType: string, targetId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
    .orderBy(auditLog.id);
}

/** Whether a role change with no actor, made through `via`, was ever recorded for `memberId`. */
export async function hasRoleGrantVia(db: Executor, memberId: string, via: string): Promise<boolean> {
  const rows = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'member.role'),
        eq(auditLog.targetType, 'member'),
        eq(auditLog.targetId, memberId),
        isNull(auditLog.actorId),
        sql`${auditLog.after} ->> 'via' = ${via}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Erases a member's identifiers from the trail (the rows stay: what happened, when and why). Entries
 * about them lose their target and before/after, entries by them lose their actor.
 */
export async function eraseMemberFromAudit(tx: Executor, memberId: string): Promise<void> {
  await tx
    .update(auditLog)
    .set({ targetId: null, before: null, after: null })
    .where(and(eq(auditLog.targetType, 'member'), eq(auditLog.targetId, memberId)));
  await tx.update(auditLog).set({ actorId: null }).where(eq(auditLog.actorId, memberId));
}

/** Which audit entries to list (every given condition holds), at most `limit`, before `beforeId`. */
export interface AuditFilter {
  action?: string;
  actions?: readonly string[];
  actorId?: string;
  targetType?: string;
  targetTypes?: readonly string[];
  targetId?: string;
  beforeId?: number;
  limit: number;
}

/** An audit row with its actor's names. */
export type AuditListRow = Awaited<ReturnType<typeof listAudit>>[number];

/** A page of the audit log, newest first, with filters. Reading only: the log is never changed here. */
export function listAudit(db: Executor, filter: AuditFilter) {
  const where: (SQL | undefined)[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actions) where.push(inArray(auditLog.action, [...filter.actions]));
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.targetType) where.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetTypes) where.push(inArray(auditLog.targetType, [...filter.targetTypes]));
  if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
  if (filter.beforeId) where.push(lt(auditLog.id, filter.beforeId));
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorHandle: members.handle,
      actorName: members.displayName,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(members, eq(members.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}
