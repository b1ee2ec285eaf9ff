import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { AppError } from '@server/errors';
import type { Database } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { isStaff, type MemberRow } from '@server/members';
import {
  RECOVERY_CODE_COUNT,
  TOTP_DIGITS,
  type RecoveryCodesResponse,
  type SecondFactorRequest,
  type TwoFactorSetupResponse,
  type TwoFactorStatus,
} from '@shared/api/security';
import type { AuthLimits } from './rate-limits';
import { hashRecoveryCode, type Secrets } from './secrets';
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  deleteTwoFactor,
  findTotp,
  replaceRecoveryCodes,
  upsertPendingTotp,
  useRecoveryCode,
} from './two-factor.queries';

const PERIOD = 30;
const ISSUER = 'Ágora';
// Base32 without look-alikes (0/o, 1/l): codes are typed from paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** Ten codes of two groups of five characters (about 48 bits each). */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

const invalidCode = () =>
  new AppError(400, 'second_factor_invalid', { fields: { code: { code: 'code_invalid' } } });

/** TOTP second factor (RFC 6238): enrolment with a QR code, verification, recovery codes. */
export function createTwoFactorService(db: Database, secrets: Secrets, limits: AuthLimits) {
  /** The step a code is valid for, accepting the previous and next step for clock drift; null if wrong. */
  const matchingStep = (secretBase32: string, code: string): number | null => {
    const delta = totpFor(secretBase32, 'x').validate({ token: code, window: 1 });
    return delta === null ? null : Math.floor(Date.now() / 1000 / PERIOD) + delta;
  };

  const issueRecoveryCodes = async (memberId: string): Promise<string[]> => {
    const codes = newRecoveryCodes();
    await db.transaction((tx) => replaceRecoveryCodes(tx, memberId, codes.map(hashRecoveryCode)));
    return codes;
  };

  const service = {
    /** Whether the member has finished enrolling. */
    async isEnabled(memberId: string): Promise<boolean> {
      return Boolean((await findTotp(db, memberId))?.enabledAt);
    },

    /** Enrolment state for settings. */
    async status(member: MemberRow): Promise<TwoFactorStatus> {
      const enabled = await service.isEnabled(member.id);
      return {
        enabled,
        required: isStaff(member),
        recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(db, member.id) : 0,
      };
    },

    /** Starts enrolment: a new secret, stored encrypted until the first code confirms it. */
    async beginEnrolment(member: MemberRow): Promise<TwoFactorSetupResponse> {
      if (await service.isEnabled(member.id)) throw new AppError(409, 'two_factor_already_enabled');
      const secret = new Secret({ size: 20 }).base32;
      await upsertPendingTotp(db, member.id, secrets.encrypt(secret));
      const otpauthUrl = totpFor(secret, member.email).toString();
      const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return {
        secret,
        otpauthUrl,
        qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      };
    },

    /** Finishes enrolment with the app's first code and hands out the recovery codes (once). */
    async confirmEnrolment(member: MemberRow, code: string): Promise<RecoveryCodesResponse> {
      const ok = await limits.checkSecondFactor(member.id, async () => {
        const row = await findTotp(db, member.id);
        if (!row) throw new AppError(409, 'two_factor_not_started');
        if (row.enabledAt) throw new AppError(409, 'two_factor_already_enabled');
        const step = matchingStep(secrets.decrypt(row.secretEncrypted), code);
        return step !== null && (await claimTotpStep(db, member.id, step, true));
      });
      if (!ok) throw invalidCode();
      return { recoveryCodes: await issueRecoveryCodes(member.id) };
    },

    /**
     * Checks a code from the app, or uses up one recovery code. Wrong answers count towards the
     * account's limit, whatever address they come from.
     */
    async verify(memberId: string, answer: SecondFactorRequest): Promise<void> {
      const ok = await limits.checkSecondFactor(memberId, async () => {
        const row = await findTotp(db, memberId);
        if (!row?.enabledAt) throw new AppError(409, 'two_factor_not_enabled');
        if ('recoveryCode' in answer) {
          return useRecoveryCode(db, memberId, hashRecoveryCode(answer.recoveryCode));
        }
        const step = matchingStep(secrets.decrypt(row.secretEncrypted), answer.code);
        return step !== null && (await claimTotpStep(db, memberId, step, false));
      });
      if (!ok) throw invalidCode();
    },

    /** New recovery codes (the old ones stop working); the route asked for a fresh proof. */
    async regenerateRecoveryCodes(member: MemberRow): Promise<RecoveryCodesResponse> {
      if (!(await service.isEnabled(member.id))) throw new AppError(409, 'two_factor_not_enabled');
      return { recoveryCodes: await issueRecoveryCodes(member.id) };
    },

    /** Turns the second factor off (the route asked for a fresh proof). Staff cannot: they must keep one. */
    async disable(member: MemberRow): Promise<void> {
      if (isStaff(member)) throw new AppError(403, 'two_factor_required_for_staff');
      if (!(await service.isEnabled(member.id))) throw new AppError(409, 'two_factor_not_enabled');
      await db.transaction(async (tx) => {
        await deleteTwoFactor(tx, member.id);
        // Staff powers go with the second factor: the staff room, moderators-only threads.
        recordEvent(tx, { type: 'member.powers.changed', memberId: member.id });
      });
    },
  };
  return service;
}

/** The second-factor service. */
export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
