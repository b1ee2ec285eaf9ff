import { Router } from 'express';
import { changeEmailSchema, forgotPasswordSchema, resetPasswordSchema, tokenSchema } from '@shared/api/auth';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import { requireFreshProof } from './reauth';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { BackgroundTasks } from '@server/ops/background';
import type { AuthLimits } from './rate-limits';
import type { AccountEmailService } from './account-email.service';

/**
 * E-mail verification, password reset and e-mail change. The request endpoints answer 202 with an empty
 * body whether or not the address has an account, and answer before looking: the lookup, the token and
 * the e-mail are written after the response, so neither the answer nor its timing says which it was.
 */
export function accountEmailRoutes(deps: {
  accountEmails: AccountEmailService;
  broadcaster: Broadcaster;
  limits: AuthLimits;
  background: BackgroundTasks;
}): Router {
  const { accountEmails } = deps;
  const router = Router();

  router.post('/auth/email/verify', async (req, res) => {
    const { token } = parseInput(tokenSchema, req.body);
    await accountEmails.verifyEmail(token, req.user?.id);
    res.status(204).end();
  });

  router.post('/auth/email/verify/resend', requireMember(), async (req, res) => {
    await accountEmails.sendVerification(currentMember(req));
    res.status(202).json({});
  });

  router.post('/auth/password/forgot', async (req, res) => {
    const { email } = parseInput(forgotPasswordSchema, req.body);
    await deps.limits.consumePasswordReset(req.ip ?? 'unknown');
    res.status(202).json({});
    deps.background.run('password.forgot', async () => {
      if (await deps.limits.allowPasswordResetMail(email)) await accountEmails.forgotPassword(email);
    });
  });

  router.post('/auth/password/reset', async (req, res) => {
    const { token, password } = parseInput(resetPasswordSchema, req.body);
    const memberId = await accountEmails.resetPassword(token, password);
    deps.broadcaster.disconnectMember(memberId);
    res.status(204).end();
  });

  // The password (and second factor) were given to the re-authentication within the last minutes.
  router.post('/me/email', requireFreshProof(), (req, res) => {
    const { email } = parseInput(changeEmailSchema, req.body);
    const member = currentMember(req);
    res.status(202).json({});
    deps.background.run('email.change', () => accountEmails.requestEmailChange(member, email));
  });

  router.post('/auth/email/change/confirm', async (req, res) => {
    const { token } = parseInput(tokenSchema, req.body);
    await accountEmails.confirmEmailChange(token);
    res.status(204).end();
  });

  return router;
}
