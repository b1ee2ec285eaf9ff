import type { Executor } from '@server/db/pool';
import type { MemberRow } from '@server/members/member.queries';
import { grantAdminInTx } from '@server/members/role.change';

/**
 * `ADMIN_EMAILS`, how a new network gets its first admins. Registering a listed address proves nothing
 * (anyone can type it), so the role is granted only when the address is first proven to be the
 * member's: by the verification or password-reset link sent to it, or by a provider that asserts it is
 * verified. Until then the account is an ordinary member.
 */
export function createAdminBootstrap(adminEmails: readonly string[]) {
  const listed = new Set(adminEmails.map((email) => email.toLowerCase()));
  return {
    /**
     * Called inside the transaction that first proves `member` owns their address: a listed address
     * makes them an admin (recorded in the audit trail with no actor). Returns the member as it is now.
     */
    async addressProven(tx: Executor, member: MemberRow): Promise<MemberRow> {
      if (!listed.has(member.email.toLowerCase()) || member.role === 'admin') return member;
      return (await grantAdminInTx(tx, member.id, 'admin_emails'))?.after ?? member;
    },
  };
}

/** The `ADMIN_EMAILS` grant. */
export type AdminBootstrap = ReturnType<typeof createAdminBootstrap>;
