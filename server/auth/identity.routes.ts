import type { identityApi } from '@shared/api/security';
import type { RouteHandlers } from '@server/http/mount';
import type { MemberService } from '@server/members';
import type { ProfileService } from '@server/directory';
import type { IdentityService } from './identity.service';
import type { Oidc } from './oidc';
import type { PresentUser } from './session-user';

/** How long a "link this provider" request waits for the provider's answer. */
const LINK_WINDOW_MS = 10 * 60 * 1000;

/**
 * Linked providers in settings, and the profile review after signing up through one. Linking adds a way
 * into the account, unlinking removes one: both need a fresh proof of identity (declared in the contract).
 */
export function identityHandlers(deps: {
  identities: IdentityService;
  oidc: Oidc;
  members: MemberService;
  profiles: Pick<ProfileService, 'complete'>;
  presentUser: PresentUser;
}): RouteHandlers<typeof identityApi> {
  return {
    list: ({ member, req }) => deps.identities.list(member, req.locale),

    // Linking starts with a POST (CSRF-checked), so no other site can link its own provider account to a
    // member's Ágora account by sending their browser to the sign-in URL.
    link: ({ params, member, req }) => {
      const provider = deps.oidc.provider(params.provider);
      req.session.linkIntent = {
        memberId: member.id,
        provider: provider.id,
        expiresAt: Date.now() + LINK_WINDOW_MS,
      };
      return { redirectTo: `/auth/oidc/${encodeURIComponent(provider.id)}` };
    },

    unlink: async ({ params, member }) => {
      await deps.identities.unlink(member, params.provider);
      return undefined;
    },

    completeProfile: async ({ body, member: signedIn, req }) => {
      await deps.profiles.complete(signedIn, body);
      const member = (await deps.members.findById(signedIn.id)) ?? signedIn;
      req.user = member;
      return { user: await deps.presentUser(member) };
    },
  };
}
