import { audit } from '@server/audit';
import type { Executor } from '@server/db/pool';
import { grantAdminInTx, type MemberRow } from '@server/members';

/**
 * `ADMIN_EMAILS`, how a new network gets its first admins. Registering a listed address proves nothing
 * (anyone can type it), and neither does the address's owner opening a verification link sent to an
 * account someone else registered with it. So the role is granted only when whoever holds the account
 * also proves the address: the verification link opened while signed in to that account, the
 * password-reset link (which sets the account's password and ends every other session), or a sign-up
 * through a provider that asserts the address is verified. Until then the account is an ordinary member.
 * The grant happens once per account: an admin the network demoted does not win it back this way.
 */
export function createAdminBootstrap(adminEmails: readonly string[]) {
  const listed = new Set(adminEmails.map((email) => email.toLowerCase()));
  return {
    /**
     * Called inside the transaction in which the holder of `member`'s account proves they own its address:
     * a listed address makes them an admin (recorded in the audit trail with no actor), unless it did so
     * before. Returns the member as it is now.
     */
    async addressProven(tx: Executor, member: MemberRow): Promise<MemberRow> {
      if (!listed.has(member.email.toLowerCase()) || member.role === 'admin') return member;
      if (await audit.hasSystemRoleGrant(tx, member.id, 'admin_emails')) return member;
      return (await grantAdminInTx(tx, member.id, 'admin_emails'))?.after ?? member;
    },
  };
}

/** The `ADMIN_EMAILS` grant. */
export type AdminBootstrap = ReturnType<typeof createAdminBootstrap>;
