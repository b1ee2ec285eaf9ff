import type { SessionUser } from '@shared/api/session';
import type { MemberRow } from './member.queries';

/** The member as the session and auth responses expose them: never the e-mail or hash. */
export function presentSessionUser(member: MemberRow): SessionUser {
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    role: member.role,
    status: member.status,
    locale: member.locale,
    profileComplete: member.profileCompletedAt !== null,
  };
}
