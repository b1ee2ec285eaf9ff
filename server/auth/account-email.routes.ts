import { Router } from 'express';
import { changeEmailSchema, forgotPasswordSchema, resetPasswordSchema, tokenSchema } from '@shared/api/auth';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { AuthLimits } from './rate-limits';
import type { AccountEmailService } from './account-email.service';

/**
 * E-mail verification, password reset and e-mail change. The request endpoints answer 202 with an empty
 * body whether or not the address has an account.
 */
export function accountEmailRoutes(deps: {
  accountEmails: AccountEmailService;
  broadcaster: Broadcaster;
  limits: AuthLimits;
}): Router {
  const { accountEmails } = deps;
  const router = Router();

  router.post('/auth/email/verify', async (req, res) => {
    const { token } = parseInput(tokenSchema, req.body);
    await accountEmails.verifyEmail(token);
    res.status(204).end();
  });

  router.post('/auth/email/verify/resend', requireMember(), async (req, res) => {
    await accountEmails.sendVerification(currentMember(req));
    res.status(202).json({});
  });

  router.post('/auth/password/forgot', async (req, res) => {
    const { email } = parseInput(forgotPasswordSchema, req.body);
    await deps.limits.consumeRegistration(req.ip ?? 'unknown');
    await accountEmails.forgotPassword(email);
    res.status(202).json({});
  });

  router.post('/auth/password/reset', async (req, res) => {
    const { token, password } = parseInput(resetPasswordSchema, req.body);
    const memberId = await accountEmails.resetPassword(token, password);
    deps.broadcaster.disconnectMember(memberId);
    res.status(204).end();
  });

  router.post('/me/email', requireMember(), async (req, res) => {
    const { email, password } = parseInput(changeEmailSchema, req.body);
    await accountEmails.requestEmailChange(currentMember(req), email, password);
    res.status(202).json({});
  });

  router.post('/auth/email/change/confirm', async (req, res) => {
    const { token } = parseInput(tokenSchema, req.body);
    await accountEmails.confirmEmailChange(token);
    res.status(204).end();
  });

  return router;
}
