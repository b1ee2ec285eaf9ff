import type { accountEmailApi } from '@shared/api/auth';
import type { RouteHandlers } from '@server/http/mount';
import type { BackgroundTasks } from '@server/ops/background';
import type { AuthLimits } from './rate-limits';
import type { AccountEmailService } from './account-email.service';

/**
 * E-mail verification, password reset and e-mail change. The request endpoints answer 202 with an empty
 * body whether or not the address has an account, and answer before looking: the lookup, the token and
 * the e-mail are written after the response (background tasks start on the next turn of the event
 * loop, once the answer is sent), so neither the answer nor its timing says which it was.
 */
export function accountEmailHandlers(deps: {
  accountEmails: AccountEmailService;
  limits: AuthLimits;
  background: BackgroundTasks;
}): RouteHandlers<typeof accountEmailApi> {
  const { accountEmails } = deps;

  return {
    verifyEmail: async ({ body, req }) => {
      await accountEmails.verifyEmail(body.token, req.user?.id);
      return undefined;
    },

    resendVerification: async ({ member }) => {
      await accountEmails.sendVerification(member);
      return {};
    },

    forgotPassword: async ({ body: { email }, req }) => {
      await deps.limits.consumePasswordReset(req.ip ?? 'unknown');
      deps.background.run('password.forgot', async () => {
        if (await deps.limits.allowPasswordResetMail(email)) await accountEmails.forgotPassword(email);
      });
      return {};
    },

    resetPassword: async ({ body: { token, password } }) => {
      const email = await accountEmails.resetPassword(token, password);
      // Whoever reads the mailbox owns the account: sign-in failures from unknown clients no longer hold it.
      await deps.limits.clearAccountFailures(email);
      return undefined;
    },

    // The password (and second factor) were given to the re-authentication within the last minutes.
    changeEmail: ({ body: { email }, member }) => {
      deps.background.run('email.change', () => accountEmails.requestEmailChange(member, email));
      return {};
    },

    confirmEmailChange: async ({ body }) => {
      await accountEmails.confirmEmailChange(body.token);
      return undefined;
    },
  };
}
