import { Router } from 'express';
import {
  reauthenticateSchema,
  reauthProviderSchema,
  type LinkStartResponse,
  type ReauthenticationStatus,
} from '@shared/api/security';
import { currentMember, requireMember } from '@server/http/guards';
import { parseInput } from '@server/http/validate';
import type { Oidc } from './oidc';
import { freshUntil, providerConfirmed, recordProof, type Clock } from './reauth';
import type { ReauthService } from './reauth.service';

/** How long a provider re-sign-in waits for the provider's answer. */
const PROVIDER_WINDOW_MS = 10 * 60 * 1000;

/**
 * Proving again who one is before a sensitive action ("sudo mode"): what the proof asks for, the proof
 * itself, and the provider re-sign-in of accounts without a password.
 */
export function reauthRoutes(deps: { reauth: ReauthService; oidc: Oidc; now?: Clock }): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  const status = async (req: Parameters<typeof currentMember>[0]): Promise<ReauthenticationStatus> => {
    const until = freshUntil(req, now);
    return {
      ...(await deps.reauth.methods(currentMember(req), req.locale)),
      freshUntil: until === null ? null : new Date(until).toISOString(),
      providerConfirmed: providerConfirmed(req, now),
    };
  };

  router.get('/me/reauthentication', requireMember(), async (req, res) => {
    res.json(await status(req));
  });

  router.post('/me/reauthentication', requireMember(), async (req, res) => {
    const input = parseInput(reauthenticateSchema, req.body);
    await deps.reauth.prove(
      currentMember(req),
      input,
      { ip: req.ip ?? 'unknown', locale: req.locale },
      providerConfirmed(req, now),
    );
    recordProof(req, now);
    res.json(await status(req));
  });

  // Starts with a POST (CSRF-checked), like linking: no other site can send the member through it.
  router.post('/me/reauthentication/:provider', requireMember(), async (req, res) => {
    const { returnTo } = parseInput(reauthProviderSchema, req.body);
    const provider = deps.oidc.provider(String(req.params.provider));
    const member = currentMember(req);
    await deps.reauth.assertProviderReauth(member, provider.id, req.locale);
    req.session.reauthIntent = {
      memberId: member.id,
      provider: provider.id,
      returnTo,
      expiresAt: now() + PROVIDER_WINDOW_MS,
    };
    const body: LinkStartResponse = { redirectTo: `/auth/oidc/${encodeURIComponent(provider.id)}` };
    res.json(body);
  });

  return router;
}
