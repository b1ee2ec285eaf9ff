import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { auditLog } from '@server/db/schema';

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
