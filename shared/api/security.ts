import { z } from 'zod';
import { LIMITS, SECTORS } from '../constants';
import { COUNTRY_CODES } from '../countries';
import { PATHS } from '../routes';

/** Digits of a TOTP code. */
export const TOTP_DIGITS = 6;

/** Recovery codes handed out at enrolment (each works once). */
export const RECOVERY_CODE_COUNT = 10;

/** One of the member's signed-in sessions. */
export interface SessionDto {
  /** Opaque id for ending this session (not the session cookie). */
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  /** Network part of the address, e.g. `203.0.113.0/24`. */
  approximateIp: string | null;
  signedInAt: string | null;
  lastSeenAt: string | null;
}

/** `GET /api/v1/me/sessions` */
export interface SessionListResponse {
  items: SessionDto[];
}

/** `POST /api/v1/me/sessions/revoke-others` */
export interface RevokeOthersResponse {
  ended: number;
}

/** `POST /api/v1/me/password` */
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
});

/** Body of `POST /api/v1/me/password`. */
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;

const totpCode = z
  .string()
  .trim()
  .regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`));

/** A second-factor answer: a code from the app, or one recovery code. */
export const secondFactorSchema = z.union([
  z.strictObject({ code: totpCode }),
  z.strictObject({ recoveryCode: z.string().trim().min(10).max(20) }),
]);

/** Body of `POST /api/v1/auth/login/second-factor` and of 2FA changes. */
export type SecondFactorRequest = z.infer<typeof secondFactorSchema>;

/** How long a fresh proof of identity lets the member take sensitive actions (GitHub's "sudo mode"). */
export const REAUTH_WINDOW_MINUTES = 10;

/**
 * `POST /api/v1/me/reauthentication`: the password (unless the account has none and its provider was
 * signed in again) and, when enrolled, a second-factor answer.
 */
export const reauthenticateSchema = z
  .strictObject({
    password: z.string().min(1).max(LIMITS.passwordMax).optional(),
    code: totpCode.optional(),
    recoveryCode: z.string().trim().min(10).max(20).optional(),
  })
  .refine((body) => !(body.code && body.recoveryCode), { path: ['recoveryCode'] });

/** Body of `POST /api/v1/me/reauthentication`. */
export type ReauthenticateRequest = z.infer<typeof reauthenticateSchema>;

/** `GET /api/v1/me/reauthentication`: what the proof asks for, and until when the last one holds. */
export interface ReauthenticationStatus {
  /** ISO time until which sensitive actions are allowed, or null without a fresh proof. */
  freshUntil: string | null;
  /** The account has a password: the proof asks for it. */
  password: boolean;
  /** A second factor is enrolled: the proof asks for a code or a recovery code. */
  secondFactor: boolean;
  /** Accounts without a password sign in again through one of these providers instead. */
  providers: { id: string; name: string }[];
  /** The provider was signed in again in the last minutes: only the second factor is left. */
  providerConfirmed: boolean;
}

/** Pages a provider re-sign-in may come back to. */
export const REAUTH_RETURN_PATHS = [PATHS.security, PATHS.yourData, PATHS.settings] as const;

/** `POST /api/v1/me/reauthentication/:provider`: where to come back after the provider. */
export const reauthProviderSchema = z.strictObject({ returnTo: z.enum(REAUTH_RETURN_PATHS) });

/** Body of `POST /api/v1/me/reauthentication/:provider`. */
export type ReauthProviderRequest = z.infer<typeof reauthProviderSchema>;

/** `POST /api/v1/me/two-factor/confirm`: the first code from the app, proving it was set up. */
export const confirmTwoFactorSchema = z.strictObject({ code: totpCode });

/** Body of `POST /api/v1/me/two-factor/confirm`. */
export type ConfirmTwoFactorRequest = z.infer<typeof confirmTwoFactorSchema>;

/** `GET /api/v1/me/two-factor` */
export interface TwoFactorStatus {
  enabled: boolean;
  /** Moderators and admins must enrol before using staff tools. */
  required: boolean;
  recoveryCodesLeft: number;
}

/** `POST /api/v1/me/two-factor/setup`: the secret to add to an authenticator app. */
export interface TwoFactorSetupResponse {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as a QR code, an SVG `data:` URL. */
  qrCode: string;
}

/** Recovery codes, shown once. */
export interface RecoveryCodesResponse {
  recoveryCodes: string[];
}

/** One provider a member can sign in with, and whether it is linked to their account. */
export interface IdentityDto {
  provider: string;
  name: string;
  linked: boolean;
  identityVerified: boolean;
  linkedAt: string | null;
}

/** `GET /api/v1/me/identities` */
export interface IdentityListResponse {
  items: IdentityDto[];
  hasPassword: boolean;
}

/** `POST /api/v1/me/identities/:provider/link`: where to send the browser. */
export interface LinkStartResponse {
  redirectTo: string;
}

/** `POST /api/v1/me/profile/complete`: what a member reviews after signing up through a provider. */
export const completeProfileSchema = z.strictObject({
  displayName: z.string().trim().min(LIMITS.displayNameMin).max(LIMITS.displayNameMax),
  country: z
    .string()
    .refine((code) => COUNTRY_CODES.includes(code))
    .optional(),
  sector: z.enum(SECTORS).optional(),
  organization: z.string().trim().max(120).optional(),
});

/** Body of `POST /api/v1/me/profile/complete`. */
export type CompleteProfileRequest = z.infer<typeof completeProfileSchema>;
