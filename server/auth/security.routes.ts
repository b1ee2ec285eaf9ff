import { Router, type Request } from 'express';
import {
  changePasswordSchema,
  confirmTwoFactorSchema,
  type RevokeOthersResponse,
  type SessionListResponse,
} from '@shared/api/security';
import type { AuthResponse } from '@shared/api/auth';
import type { Csrf } from '@server/http/csrf';
import { currentMember, requireMember } from '@server/http/guards';
import { parseInput } from '@server/http/validate';
import type { MemberRow } from '@server/members/member.queries';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { AuthService } from './auth.service';
import { requireFreshProof } from './reauth';
import { establishSession } from './session-ops';
import type { SessionService } from './sessions.service';
import type { PresentUser } from './session-user';
import type { TwoFactorService } from './two-factor.service';

interface SecurityRoutesDeps {
  csrf: Csrf;
  auth: AuthService;
  sessions: SessionService;
  twoFactor: TwoFactorService;
  broadcaster: Broadcaster;
  presentUser: PresentUser;
}

/** The member's sessions, password and second factor (`/api/v1/me/...`). */
export function securityRoutes(deps: SecurityRoutesDeps): Router {
  const { sessions, twoFactor, broadcaster } = deps;
  const router = Router();
  router.use('/me', requireMember());

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
    const ended = await sessions.revokeOthers(member.id, req.sessionID);
    for (const sid of [previous, ...ended]) broadcaster.disconnectSession(sid);
  };

  router.get('/me/sessions', async (req, res) => {
    const body: SessionListResponse = { items: await sessions.list(currentMember(req).id, req.sessionID) };
    res.json(body);
  });

  router.delete('/me/sessions/:id', async (req, res) => {
    const sid = await sessions.revoke(currentMember(req).id, String(req.params.id));
    broadcaster.disconnectSession(sid);
    res.status(204).end();
  });

  router.post('/me/sessions/revoke-others', async (req, res) => {
    const ended = await sessions.revokeOthers(currentMember(req).id, req.sessionID);
    for (const sid of ended) broadcaster.disconnectSession(sid);
    const body: RevokeOthersResponse = { ended: ended.length };
    res.json(body);
  });

  router.post('/me/password', async (req, res) => {
    const input = parseInput(changePasswordSchema, req.body);
    const member = await deps.auth.changePassword(currentMember(req), input, {
      ip: req.ip ?? 'unknown',
      locale: req.locale,
    });
    await afterCredentialChange(req, member);
    deps.csrf.rotate(req, res);
    const body: AuthResponse = { user: await deps.presentUser(member) };
    res.json(body);
  });

  router.get('/me/two-factor', async (req, res) => {
    res.json(await twoFactor.status(currentMember(req)));
  });

  // Turning the second factor on, off, or renewing its recovery codes needs a fresh proof: with only a
  // stolen session, nobody can lock the owner out or take the codes.
  router.post('/me/two-factor/setup', requireFreshProof(), async (req, res) => {
    res.json(await twoFactor.beginEnrolment(currentMember(req)));
  });

  router.post('/me/two-factor/confirm', async (req, res) => {
    const { code } = parseInput(confirmTwoFactorSchema, req.body);
    const member = currentMember(req);
    const codes = await twoFactor.confirmEnrolment(member, code);
    await afterCredentialChange(req, member);
    deps.csrf.rotate(req, res);
    res.json(codes);
  });

  router.post('/me/two-factor/recovery-codes', requireFreshProof(), async (req, res) => {
    res.json(await twoFactor.regenerateRecoveryCodes(currentMember(req)));
  });

  router.post('/me/two-factor/disable', requireFreshProof(), async (req, res) => {
    const member = currentMember(req);
    await twoFactor.disable(member);
    await afterCredentialChange(req, member);
    deps.csrf.rotate(req, res);
    res.status(204).end();
  });

  return router;
}
