import { AppError, notFound, validationError } from '@server/errors';
import type { MemberRow } from '@server/members';
import type { Locale } from '@shared/constants';
import type { ReauthenticateRequest, SecondFactorRequest } from '@shared/api/security';
import type { AuthContext, AuthService } from './auth.service';
import type { IdentityService } from './identity.service';
import type { TwoFactorService } from './two-factor.service';

/** What a proof asks of this member. */
export interface ProofMethods {
  password: boolean;
  secondFactor: boolean;
  /** Linked providers to sign in again through, for accounts without a password. */
  providers: { id: string; name: string }[];
}

/**
 * Re-authentication before sensitive actions: checks the proof (password or provider re-sign-in, then
 * the second factor when enrolled). Every check goes through the sign-in limits, like sign-in itself.
 */
export function createReauthService(deps: {
  auth: AuthService;
  twoFactor: TwoFactorService;
  identities: IdentityService;
}) {
  const service = {
    /** What the member's proof consists of. */
    async methods(member: MemberRow, locale: Locale): Promise<ProofMethods> {
      const password = Boolean(member.passwordHash);
      const linked = password ? [] : (await deps.identities.list(member, locale)).items;
      return {
        password,
        secondFactor: await deps.twoFactor.isEnabled(member.id),
        providers: linked
          .filter((item) => item.linked)
          .map((item) => ({ id: item.provider, name: item.name })),
      };
    },

    /**
     * Checks a proof. `providerConfirmed` says the member (who has no password) signed in again at a
     * linked provider moments ago. Wrong answers count towards the sign-in limits.
     */
    async prove(
      member: MemberRow,
      input: ReauthenticateRequest,
      ctx: AuthContext,
      providerConfirmed: boolean,
    ): Promise<void> {
      if (member.passwordHash) {
        if (!input.password) throw validationError({ password: { code: 'required' } });
        await deps.auth.confirmPassword(member, input.password, ctx, 'password');
      } else if (!providerConfirmed) {
        // No password to give: the proof starts at the provider.
        throw new AppError(403, 'reauthentication_required');
      }
      if (!(await deps.twoFactor.isEnabled(member.id))) return;
      const answer: SecondFactorRequest | undefined = input.code
        ? { code: input.code }
        : input.recoveryCode
          ? { recoveryCode: input.recoveryCode }
          : undefined;
      if (!answer) throw validationError({ code: { code: 'required' } });
      await deps.twoFactor.verify(member.id, answer);
    },

    /** Refuses a provider re-sign-in that is not this member's way to sign in (404, like an unknown one). */
    async assertProviderReauth(member: MemberRow, providerId: string, locale: Locale): Promise<void> {
      const { providers } = await service.methods(member, locale);
      if (!providers.some((provider) => provider.id === providerId)) throw notFound();
    },
  };
  return service;
}

/** The re-authentication service. */
export type ReauthService = ReturnType<typeof createReauthService>;
