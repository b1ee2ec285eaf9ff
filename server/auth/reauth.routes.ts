import type { Request } from 'express';
import type { ReauthenticationStatus, reauthenticationApi } from '@shared/api/security';
import type { RouteHandlers } from '@server/http/mount';
import type { MemberRow } from '@server/members';
import type { Oidc } from './oidc';
import { freshUntil, providerConfirmed, recordProof, type Clock } from './reauth';
import type { ReauthService } from './reauth.service';

/** How long a provider re-sign-in waits for the provider's answer. */
const PROVIDER_WINDOW_MS = 10 * 60 * 1000;

/**
 * Proving again who one is before a sensitive action ("sudo mode"): what the proof asks for, the proof
 * itself, and the provider re-sign-in of accounts without a password.
 */
export function reauthenticationHandlers(deps: {
  reauth: ReauthService;
  oidc: Oidc;
  now?: Clock;
}): RouteHandlers<typeof reauthenticationApi> {
  const now = deps.now ?? Date.now;

  const status = async (req: Request, member: MemberRow): Promise<ReauthenticationStatus> => {
    const until = freshUntil(req, now);
    return {
      ...(await deps.reauth.methods(member, req.locale)),
      freshUntil: until === null ? null : new Date(until).toISOString(),
      providerConfirmed: providerConfirmed(req, now),
    };
  };

  return {
    status: ({ member, req }) => status(req, member),

    reauthenticate: async ({ body, member, req }) => {
      await deps.reauth.prove(
        member,
        body,
        { ip: req.ip ?? 'unknown', locale: req.locale },
        providerConfirmed(req, now),
      );
      recordProof(req, now);
      return status(req, member);
    },

    // Starts with a POST (CSRF-checked), like linking: no other site can send the member through it.
    startProvider: async ({ params, body: { returnTo }, member, req }) => {
      const provider = deps.oidc.provider(params.provider);
      await deps.reauth.assertProviderReauth(member, provider.id, req.locale);
      req.session.reauthIntent = {
        memberId: member.id,
        provider: provider.id,
        returnTo,
        expiresAt: now() + PROVIDER_WINDOW_MS,
      };
      return { redirectTo: `/auth/oidc/${encodeURIComponent(provider.id)}` };
    },
  };
}
