import type { SessionUser } from '@shared/api/session';
import type { MemberRow } from './member.queries';

/** What other features know about the member that the session shows. */
export interface SessionUserFacts {
  identityVerified: boolean;
}

/** The member as the session and auth responses expose them: never the e-mail or hash. */
export function presentSessionUser(member: MemberRow, facts: SessionUserFacts): SessionUser {
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    role: member.role,
    status: member.status,
    locale: member.locale,
    profileComplete: member.profileCompletedAt !== null,
    identityVerified: facts.identityVerified,
    scopes: member.role === 'moderator' ? member.scopes : null,
  };
}
