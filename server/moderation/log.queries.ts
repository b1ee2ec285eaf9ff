import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { auditLog, members } from '@server/db/schema';

/** An audit row with its actor's names. */
export type AuditListRow = Awaited<ReturnType<typeof listAudit>>[number];

/** A page of the audit log, newest first, with filters. Reading only: the log is never changed here. */
export function listAudit(
  db: Executor,
  filter: {
    action?: string;
    actions?: readonly string[];
    actorId?: string;
    targetType?: string;
    targetTypes?: readonly string[];
    targetId?: string;
    beforeId?: number;
    limit: number;
  },
) {
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
