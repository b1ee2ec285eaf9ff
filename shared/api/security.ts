import { z } from '../zod';
import { LIMITS, SECTORS } from '../constants';
import { COUNTRY_CODES } from '../countries';
import { route } from '../contract';
import { PATHS } from '../routes';
import { authResponse } from './session';

/** Digits of a TOTP code. */
export const TOTP_DIGITS = 6;

/** Recovery codes handed out at enrolment (each works once). */
export const RECOVERY_CODE_COUNT = 10;

/** One of the member's signed-in sessions. */
export const sessionDto = z.object({
  /** Opaque id for ending this session (not the session cookie). */
  id: z.string(),
  current: z.boolean(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  /** Network part of the address, e.g. `203.0.113.0/24`. */
  approximateIp: z.string().nullable(),
  signedInAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
});
/** One of the member's signed-in sessions. */
export type SessionDto = z.infer<typeof sessionDto>;

/** `GET /api/v1/me/sessions` */
export const sessionListResponse = z.object({ items: z.array(sessionDto) });
/** `GET /api/v1/me/sessions` */
export type SessionListResponse = z.infer<typeof sessionListResponse>;

/** `POST /api/v1/me/sessions/revoke-others` */
export const revokeOthersResponse = z.object({ ended: z.number().int() });
/** `POST /api/v1/me/sessions/revoke-others` */
export type RevokeOthersResponse = z.infer<typeof revokeOthersResponse>;

/** The public id of one of the member's sessions (22 base64url characters), in a path. */
export const sessionIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });

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
export const reauthenticationStatus = z.object({
  /** ISO time until which sensitive actions are allowed, or null without a fresh proof. */
  freshUntil: z.string().nullable(),
  /** The account has a password: the proof asks for it. */
  password: z.boolean(),
  /** A second factor is enrolled: the proof asks for a code or a recovery code. */
  secondFactor: z.boolean(),
  /** Accounts without a password sign in again through one of these providers instead. */
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The provider was signed in again in the last minutes: only the second factor is left. */
  providerConfirmed: z.boolean(),
});
/** What the proof asks for, and until when the last one holds. */
export type ReauthenticationStatus = z.infer<typeof reauthenticationStatus>;

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
export const twoFactorStatus = z.object({
  enabled: z.boolean(),
  /** Moderators and admins must enrol before using staff tools. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
/** `GET /api/v1/me/two-factor` */
export type TwoFactorStatus = z.infer<typeof twoFactorStatus>;

/** `POST /api/v1/me/two-factor/setup`: the secret to add to an authenticator app. */
export const twoFactorSetupResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code, an SVG `data:` URL. */
  qrCode: z.string(),
});
/** `POST /api/v1/me/two-factor/setup` */
export type TwoFactorSetupResponse = z.infer<typeof twoFactorSetupResponse>;

/** Recovery codes, shown once. */
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
/** Recovery codes, shown once. */
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponse>;

/** One provider a member can sign in with, and whether it is linked to their account. */
export const identityDto = z.object({
  provider: z.string(),
  name: z.string(),
  linked: z.boolean(),
  identityVerified: z.boolean(),
  linkedAt: z.string().nullable(),
});
/** One provider a member can sign in with. */
export type IdentityDto = z.infer<typeof identityDto>;

/** `GET /api/v1/me/identities` */
export const identityListResponse = z.object({ items: z.array(identityDto), hasPassword: z.boolean() });
/** `GET /api/v1/me/identities` */
export type IdentityListResponse = z.infer<typeof identityListResponse>;

/** `POST /api/v1/me/identities/:provider/link`: where to send the browser. */
export const linkStartResponse = z.object({ redirectTo: z.string() });
/** Where to send the browser. */
export type LinkStartResponse = z.infer<typeof linkStartResponse>;

/** A configured OpenID provider's id in a path (lower-case letters, digits and dashes, as configured). */
export const providerParams = z.object({
  provider: z
    .string()
    .max(40)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
});

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

/** The member's sessions, password and second factor. */
export const securityApi = {
  sessions: route({
    method: 'GET',
    path: '/me/sessions',
    summary: 'The member\u2019s signed-in sessions, this one first.',
    access: 'member',
    response: sessionListResponse,
  }),
  revokeSession: route({
    method: 'DELETE',
    path: '/me/sessions/:id',
    summary: 'Ends one of the member\u2019s sessions and closes its live connections.',
    access: 'member',
    params: sessionIdParams,
    response: null,
    status: 204,
  }),
  revokeOthers: route({
    method: 'POST',
    path: '/me/sessions/revoke-others',
    summary: 'Ends every session but this one, and voids the account\u2019s outstanding e-mailed links.',
    access: 'member',
    response: revokeOthersResponse,
  }),
  changePassword: route({
    method: 'POST',
    path: '/me/password',
    summary: 'Changes the password; every other session ends and this one gets a new id.',
    access: 'member',
    body: changePasswordSchema,
    response: authResponse,
    errors: ['password_not_set'],
    rateLimit: 'password-check',
  }),
  twoFactor: route({
    method: 'GET',
    path: '/me/two-factor',
    summary: 'Whether the second factor is on, required, and how many recovery codes are left.',
    access: 'member',
    response: twoFactorStatus,
  }),
  setUpTwoFactor: route({
    method: 'POST',
    path: '/me/two-factor/setup',
    summary: 'Starts enrolling a second factor: a new secret for an authenticator app.',
    access: 'member',
    freshProof: true,
    response: twoFactorSetupResponse,
    errors: ['two_factor_already_enabled'],
  }),
  confirmTwoFactor: route({
    method: 'POST',
    path: '/me/two-factor/confirm',
    summary: 'Finishes enrolment with the app\u2019s first code and hands out the recovery codes, once.',
    access: 'member',
    body: confirmTwoFactorSchema,
    response: recoveryCodesResponse,
    errors: ['two_factor_not_started', 'two_factor_already_enabled', 'second_factor_invalid'],
    rateLimit: 'second-factor',
  }),
  regenerateRecoveryCodes: route({
    method: 'POST',
    path: '/me/two-factor/recovery-codes',
    summary: 'New recovery codes; the old ones stop working.',
    access: 'member',
    freshProof: true,
    response: recoveryCodesResponse,
    errors: ['two_factor_not_enabled'],
  }),
  disableTwoFactor: route({
    method: 'POST',
    path: '/me/two-factor/disable',
    summary: 'Turns the second factor off (staff must keep theirs).',
    access: 'member',
    freshProof: true,
    response: null,
    status: 204,
    errors: ['two_factor_required_for_staff', 'two_factor_not_enabled'],
  }),
};

/** Proving again who one is before a sensitive action ("sudo mode"). */
export const reauthenticationApi = {
  status: route({
    method: 'GET',
    path: '/me/reauthentication',
    summary: 'What the proof of identity asks for, and until when the last one holds.',
    access: 'member',
    response: reauthenticationStatus,
  }),
  reauthenticate: route({
    method: 'POST',
    path: '/me/reauthentication',
    summary: 'Proves who the member is (password and second factor) for the next ten minutes.',
    access: 'member',
    body: reauthenticateSchema,
    response: reauthenticationStatus,
    errors: ['password_not_set', 'second_factor_invalid', 'two_factor_not_enabled'],
    rateLimit: 'password-check',
  }),
  startProvider: route({
    method: 'POST',
    path: '/me/reauthentication/:provider',
    summary: 'Starts signing in again at a linked provider, for accounts without a password.',
    access: 'member',
    params: providerParams,
    body: reauthProviderSchema,
    response: linkStartResponse,
  }),
};

/** Providers linked to the account, and the profile review after signing up through one. */
export const identityApi = {
  list: route({
    method: 'GET',
    path: '/me/identities',
    summary: 'Every configured provider, and whether the member linked it.',
    access: 'member',
    response: identityListResponse,
  }),
  link: route({
    method: 'POST',
    path: '/me/identities/:provider/link',
    summary: 'Starts linking a provider account: where to send the browser.',
    access: 'member',
    freshProof: true,
    params: providerParams,
    response: linkStartResponse,
  }),
  unlink: route({
    method: 'DELETE',
    path: '/me/identities/:provider',
    summary: 'Removes a linked provider, unless it is the last way to sign in.',
    access: 'member',
    freshProof: true,
    params: providerParams,
    response: null,
    status: 204,
    errors: ['last_sign_in_method'],
  }),
  completeProfile: route({
    method: 'POST',
    path: '/me/profile/complete',
    summary: 'Saves the profile reviewed after signing up through a provider.',
    access: 'member',
    body: completeProfileSchema,
    response: authResponse,
    errors: ['watched_word_blocked'],
  }),
};
