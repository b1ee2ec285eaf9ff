import { type MemberRow, presentSessionUser } from '@server/members';
import type { SessionUser } from '@shared/api/session';
import type { IdentityService } from './identity.service';

/** Presents a member as the session user, with what their identity links say about them. */
export type PresentUser = (member: MemberRow) => Promise<SessionUser>;

/** The session-user presenter, asking the identity-link service whether the identity is verified. */
export function sessionUserPresenter(identities: Pick<IdentityService, 'isVerified'>): PresentUser {
  return async (member) =>
    presentSessionUser(member, { identityVerified: await identities.isVerified(member.id) });
}
