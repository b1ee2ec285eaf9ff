import { Router } from 'express';
import { completeProfileSchema, type LinkStartResponse } from '@shared/api/security';
import type { AuthResponse } from '@shared/api/auth';
import { currentMember, requireMember } from '@server/http/guards';
import { parseInput } from '@server/http/validate';
import type { MemberService } from '@server/members/member.service';
import type { ProfileService } from '@server/directory/profile.service';
import type { IdentityService } from './identity.service';
import type { Oidc } from './oidc';
import { requireFreshProof } from './reauth';
import type { PresentUser } from './session-user';

/** How long a "link this provider" request waits for the provider's answer. */
const LINK_WINDOW_MS = 10 * 60 * 1000;

/** Linked providers in settings, and the profile review after signing up through one. */
export function identityRoutes(deps: {
  identities: IdentityService;
  oidc: Oidc;
  members: MemberService;
  profiles: Pick<ProfileService, 'complete'>;
  presentUser: PresentUser;
}): Router {
  const router = Router();

  router.get('/me/identities', requireMember(), async (req, res) => {
    res.json(await deps.identities.list(currentMember(req), req.locale));
  });

  // Linking starts with a POST (CSRF-checked), so no other site can link its own provider account to a
  // member's Ágora account by sending their browser to the sign-in URL.
  // Linking adds a way into the account, unlinking removes one: both need a fresh proof of identity.
  router.post('/me/identities/:provider/link', requireFreshProof(), (req, res) => {
    const provider = deps.oidc.provider(String(req.params.provider));
    req.session.linkIntent = {
      memberId: currentMember(req).id,
      provider: provider.id,
      expiresAt: Date.now() + LINK_WINDOW_MS,
    };
    const body: LinkStartResponse = { redirectTo: `/auth/oidc/${encodeURIComponent(provider.id)}` };
    res.json(body);
  });

  router.delete('/me/identities/:provider', requireFreshProof(), async (req, res) => {
    await deps.identities.unlink(currentMember(req), String(req.params.provider));
    res.status(204).end();
  });

  router.post('/me/profile/complete', requireMember(), async (req, res) => {
    const input = parseInput(completeProfileSchema, req.body);
    const signedIn = currentMember(req);
    await deps.profiles.complete(signedIn, input);
    const member = (await deps.members.findById(signedIn.id)) ?? signedIn;
    req.user = member;
    const body: AuthResponse = { user: await deps.presentUser(member) };
    res.json(body);
  });

  return router;
}
