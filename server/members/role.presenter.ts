import type { AdminMemberDto } from '@shared/api/admin';
import type { ManagedMember } from './role.service';

/** A member as the roles page shows them. */
export function presentAdminMember({ member, twoFactorEnabled }: ManagedMember): AdminMemberDto {
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    email: member.email,
    role: member.role,
    status: member.status,
    scopes: member.role === 'moderator' ? member.scopes : null,
    twoFactorEnabled,
  };
}
