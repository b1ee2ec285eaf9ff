import type { PersonalDataContributor } from '@server/http/module';
import type { Executor } from '@server/db/pool';
import {
  eraseMemberFromAudit,
  hasRoleGrantVia,
  insertAuditEntry,
  listAudit,
  listAuditEntriesFor,
  type AuditFilter,
  type AuditListRow,
  type AuditRow,
  type NewAuditEntry,
} from './audit.queries';

/**
 * The audit trail, shared by every feature that records staff or account actions (verification,
 * moderation, data export and deletion). Writes take the caller's transaction, so an action and its
 * record commit together.
 */
export const audit = {
  /** Records an action inside the caller's transaction. */
  record(tx: Executor, entry: NewAuditEntry): Promise<void> {
    return insertAuditEntry(tx, entry);
  },
  /** A page of the trail, newest first, with the actors' names (the moderation log). */
  list(db: Executor, filter: AuditFilter): Promise<AuditListRow[]> {
    return listAudit(db, filter);
  },
  /** The history of one target, oldest first. */
  historyOf(db: Executor, targetType: string, targetId: string): Promise<AuditRow[]> {
    return listAuditEntriesFor(db, targetType, targetId);
  },
  /** Whether the system (not an admin) once gave `memberId` a role through `via` (`ADMIN_EMAILS`, …). */
  hasSystemRoleGrant(db: Executor, memberId: string, via: string): Promise<boolean> {
    return hasRoleGrantVia(db, memberId, via);
  },
  /** Clears a deleted member's identifiers from the trail. */
  eraseMember(tx: Executor, memberId: string): Promise<void> {
    return eraseMemberFromAudit(tx, memberId);
  },
};

export type { AuditFilter, AuditListRow, AuditRow, NewAuditEntry };

/** The actions recorded about a member, for their data archive (without who performed them). */
export const auditData: PersonalDataContributor = {
  key: 'accountHistory',
  async collect(db, memberId) {
    const rows = await listAuditEntriesFor(db, 'member', memberId);
    return rows.map((row) => ({ action: row.action, at: row.createdAt.toISOString(), after: row.after }));
  },
};
