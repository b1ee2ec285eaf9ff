import type { Request } from 'express';
import type { securityApi } from '@shared/api/security';
import type { Csrf } from '@server/http/csrf';
import type { RouteHandlers } from '@server/http/mount';
import type { MemberRow } from '@server/members';
import type { PublishEvent } from '@server/events';
import type { AuthService } from './auth.service';
import { establishSession } from './session-ops';
import type { SessionService } from './sessions.service';
import type { PresentUser } from './session-user';
import type { TwoFactorService } from './two-factor.service';

interface SecurityHandlersDeps {
  csrf: Csrf;
  auth: AuthService;
  sessions: SessionService;
  twoFactor: TwoFactorService;
  /** Hands events with no transaction of their own (a session ended in the store) to their listeners. */
  publish: PublishEvent;
  presentUser: PresentUser;
}

/**
 * The member's sessions, password and second factor (`/api/v1/me/...`). Turning the second factor on,
 * off, or renewing its recovery codes needs a fresh proof (declared in the contract): with only a stolen
 * session, nobody can lock the owner out or take the codes.
 */
export function securityHandlers(deps: SecurityHandlersDeps): RouteHandlers<typeof securityApi> {
  const { sessions, twoFactor, publish } = deps;

  /**
   * After a change to how the account signs in: every other session ends (and its sockets), and this
   * one gets a new id, so a session id seen before the change is worthless after it. The proof of
   * identity given for the change stays with the new id.
   */
  const afterCredentialChange = async (req: Request, member: MemberRow) => {
    const previous = req.sessionID;
    const proof = req.session.reauthenticatedAt;
    await establishSession(req, member);
    if (proof !== undefined) req.session.reauthenticatedAt = proof;
    await sessions.revokeOthers(member.id, req.sessionID);
    await publish({ type: 'sessions.ended', sessionIds: [previous] });
  };

  return {
    sessions: async ({ member, req }) => ({ items: await sessions.list(member.id, req.sessionID) }),

    revokeSession: async ({ member, params }) => {
      await sessions.revoke(member.id, params.id);
      return undefined;
    },

    revokeOthers: async ({ member, req }) => ({
      ended: (await sessions.revokeOthers(member.id, req.sessionID)).length,
    }),

    changePassword: async ({ body, member, req, res }) => {
      const changed = await deps.auth.changePassword(member, body, {
        ip: req.ip ?? 'unknown',
        locale: req.locale,
      });
      await afterCredentialChange(req, changed);
      deps.csrf.rotate(req, res);
      return { user: await deps.presentUser(changed) };
    },

    twoFactor: ({ member }) => twoFactor.status(member),

    setUpTwoFactor: ({ member }) => twoFactor.beginEnrolment(member),

    confirmTwoFactor: async ({ body: { code }, member, req, res }) => {
      const codes = await twoFactor.confirmEnrolment(member, code);
      await afterCredentialChange(req, member);
      deps.csrf.rotate(req, res);
      return codes;
    },

    regenerateRecoveryCodes: ({ member }) => twoFactor.regenerateRecoveryCodes(member),

    disableTwoFactor: async ({ member, req, res }) => {
      await twoFactor.disable(member);
      await afterCredentialChange(req, member);
      deps.csrf.rotate(req, res);
      return undefined;
    },
  };
}
