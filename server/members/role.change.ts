import { AppError } from '@server/errors';
import { audit } from '@server/audit';
import type { Executor } from '@server/db/pool';
import type { Role } from '@shared/constants';
import { updateMember, type MemberRow } from './member.queries';
import { lockAdmins, lockMember, replaceScopes, setRole } from './role.queries';

/** What changed a role when no admin did: a verified `ADMIN_EMAILS` address, or `npm run admin`. */
export type SystemRoleSource = 'admin_emails' | 'command_line';

/** Who changes a role: an admin, or the system (recorded with no actor and what made the change). */
export type RoleChangeBy = { actorId: string } | { actorId: null; via: SystemRoleSource };

/** What the audit trail keeps of a member's staff standing. */
const standing = (member: Pick<MemberRow, 'role' | 'scopes'>) => ({
  role: member.role,
  scopes: member.role === 'moderator' ? member.scopes : null,
});

/** The member before and after a role change. */
export interface RoleChange {
  before: MemberRow;
  after: MemberRow;
}

/**
 * Gives a member a role inside the caller's transaction and records it in the audit trail. Leaving the
 * moderator role clears their scopes; the last admin cannot lose the role (409 `last_admin`). Resolves
 * with `undefined` for an unknown member; a role the member already has changes and records nothing.
 */
export async function changeRoleInTx(
  tx: Executor,
  memberId: string,
  role: Role,
  by: RoleChangeBy,
  reason: string | null = null,
): Promise<RoleChange | undefined> {
  // Every admin row is locked first, so two admins demoting each other at once are serialised.
  const admins = await lockAdmins(tx);
  const target = await lockMember(tx, memberId);
  if (!target) return undefined;
  if (target.role === role) return { before: target, after: target };
  if (target.role === 'admin' && admins <= 1) throw new AppError(409, 'last_admin');
  if (target.role === 'moderator') await replaceScopes(tx, memberId, []);
  await setRole(tx, memberId, role);
  await audit.record(tx, {
    actorId: by.actorId,
    action: 'member.role',
    targetType: 'member',
    targetId: memberId,
    reason,
    before: standing(target),
    after: { role, scopes: null, ...(by.actorId === null && { via: by.via }) },
  });
  return { before: target, after: (await lockMember(tx, memberId)) ?? target };
}

/**
 * Makes a member an admin without an acting admin (a verified `ADMIN_EMAILS` address, the command
 * line). An account still awaiting approval becomes active: an admin who may not write cannot approve
 * anyone, themselves included.
 */
export async function grantAdminInTx(
  tx: Executor,
  memberId: string,
  via: SystemRoleSource,
  reason: string | null = null,
): Promise<RoleChange | undefined> {
  const change = await changeRoleInTx(tx, memberId, 'admin', { actorId: null, via }, reason);
  if (!change || change.after.status !== 'pending') return change;
  const after = await updateMember(tx, memberId, { status: 'active' });
  return { before: change.before, after: after ?? change.after };
}
