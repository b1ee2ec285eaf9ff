import { AppError, validationError } from '@server/errors';
import type { Config } from '@server/config';
import type { MemberRow, MemberService } from '@server/members';
import type { LoginRequest, RegisterRequest } from '@shared/api/auth';
import type { ChangePasswordRequest } from '@shared/api/security';
import type { Locale } from '@shared/constants';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import type { AuthLimits } from './rate-limits';

/** Who is asking: the client address (after trusted proxies) and the language of the request. */
export interface AuthContext {
  ip: string;
  locale: Locale;
  /** The known device the request proved for the account it signs in to (see known-device.ts). */
  device?: string;
}

/** Registration and password sign-in. */
export function createAuthService(config: Config, members: MemberService, limits: AuthLimits) {
  const service = {
    /**
     * Creates an account, always an ordinary member (`pending` with `MEMBERSHIP=approval`). An address
     * listed in `ADMIN_EMAILS` is made admin only once its link proves it is the member's (see
     * admin-bootstrap.ts): registering it proves nothing.
     */
    async register(input: RegisterRequest, ctx: AuthContext): Promise<MemberRow> {
      const problem = passwordProblem(input.password, input.email);
      if (problem) throw validationError({ password: problem });
      await limits.consumeRegistration(ctx.ip);
      if (await members.findByEmail(input.email)) {
        throw new AppError(409, 'email_taken', { fields: { email: { code: 'email_taken' } } });
      }
      return members.create({
        email: input.email,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        role: 'member',
        status: config.membership === 'open' ? 'active' : 'pending',
        locale: input.locale ?? ctx.locale,
        ...(config.membership === 'approval' &&
          input.applicationNote && { applicationNote: input.applicationNote }),
      });
    },

    /**
     * Checks an e-mail and password. An unknown address and a wrong password take the same time and
     * give the same answer, so sign-in does not reveal who has an account.
     */
    async authenticate(input: LoginRequest, ctx: AuthContext): Promise<MemberRow> {
      let member: MemberRow | undefined;
      const valid = await limits.checkPassword(
        ctx.ip,
        input.email,
        async () => {
          member = await members.findByEmail(input.email);
          return (await verifyPassword(member?.passwordHash, input.password)) && Boolean(member);
        },
        ctx.device,
      );
      if (!valid || !member) throw new AppError(401, 'invalid_credentials');
      return member;
    },

    /**
     * Checks the signed-in member's password, counted with sign-in attempts (so a stolen session cannot
     * guess it any faster than the sign-in form): a wrong one is a validation error on `field`.
     */
    async confirmPassword(
      member: MemberRow,
      password: string,
      ctx: AuthContext,
      field: string,
    ): Promise<void> {
      if (!member.passwordHash) throw new AppError(409, 'password_not_set');
      const { passwordHash } = member;
      // The member's own session is a client the account recognises: an attack on the account from
      // elsewhere does not keep its owner from confirming their password.
      const check = () => verifyPassword(passwordHash, password);
      if (!(await limits.checkPassword(ctx.ip, member.email, check, `member:${member.id}`))) {
        throw validationError({ [field]: { code: 'password_incorrect' } });
      }
    },

    /**
     * Changes the password after checking the current one (counted like a sign-in attempt, so a stolen
     * session cannot guess it quickly) and the same rules as registration.
     */
    async changePassword(
      member: MemberRow,
      input: ChangePasswordRequest,
      ctx: AuthContext,
    ): Promise<MemberRow> {
      await service.confirmPassword(member, input.currentPassword, ctx, 'currentPassword');
      const problem = passwordProblem(input.newPassword, member.email);
      if (problem) throw validationError({ newPassword: problem });
      return members.setPasswordHash(member, await hashPassword(input.newPassword));
    },
  };
  return service;
}

/** The auth service. */
export type AuthService = ReturnType<typeof createAuthService>;
