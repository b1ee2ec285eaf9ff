import type { PersonalDataContributor } from '@server/http/module';
import { listIdentities } from './identity.queries';
import { countUnusedRecoveryCodes, findTotp } from './two-factor.queries';

/**
 * Sign-in settings in a member's data archive: linked providers (never the subject, which is stored only
 * as a keyed hash and not exported either) and whether a second factor is on (never its secret or codes).
 * All of it goes with the member row.
 */
export const identityData: PersonalDataContributor = {
  key: 'signIn',
  async collect(db, memberId) {
    const [identities, totp, recoveryCodesLeft] = await Promise.all([
      listIdentities(db, memberId),
      findTotp(db, memberId),
      countUnusedRecoveryCodes(db, memberId),
    ]);
    return {
      providers: identities.map((row) => ({
        provider: row.provider,
        assurance: row.assurance,
        identityVerified: row.identityVerified,
        linkedAt: row.createdAt.toISOString(),
        lastUsedAt: row.lastUsedAt.toISOString(),
      })),
      twoFactor: {
        enabled: !!totp?.enabledAt,
        enabledAt: totp?.enabledAt?.toISOString() ?? null,
        recoveryCodesLeft,
      },
    };
  },
};
