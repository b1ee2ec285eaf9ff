import { z } from '../zod';
import { LIMITS, LOCALES } from '../constants';
import { route } from '../contract';
import { updateAccountSchema } from './account';
import { secondFactorSchema } from './security';
import { authResponse, localeResponse, sessionResponse, sessionUser, setLocaleSchema } from './session';

export { authResponse, type AuthResponse } from './session';

const email = z.string().trim().toLowerCase().max(LIMITS.emailMax).pipe(z.email());

/** `POST /api/v1/auth/register` */
export const registerSchema = z.strictObject({
  email,
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
  displayName: z.string().trim().min(LIMITS.displayNameMin).max(LIMITS.displayNameMax),
  locale: z.enum(LOCALES).optional(),
  /** Why the applicant wants to join; asked (and kept) only while membership needs approval. */
  applicationNote: z.string().trim().max(1000).optional(),
});

/** Body of `POST /api/v1/auth/register`. */
export type RegisterRequest = z.infer<typeof registerSchema>;

/** `POST /api/v1/auth/login` */
export const loginSchema = z.strictObject({
  email,
  // No length rules at sign-in: a wrong password is just wrong, whatever its length.
  password: z.string().min(1).max(LIMITS.passwordMax),
});

/** Body of `POST /api/v1/auth/login`. */
export type LoginRequest = z.infer<typeof loginSchema>;

/** Answer of `POST /api/v1/auth/login`: signed in, or the second-factor code is needed first. */
export const loginResponse = z.union([
  z.object({ user: sessionUser, secondFactorRequired: z.literal(false) }),
  z.object({ user: z.null(), secondFactorRequired: z.literal(true) }),
]);
/** Answer of `POST /api/v1/auth/login`. */
export type LoginResponse = z.infer<typeof loginResponse>;

/** `POST /auth/email/verify` and `/auth/email/change/confirm`: a token from an e-mail. */
export const tokenSchema = z.strictObject({ token: z.string().min(1).max(200) });

/** `POST /auth/password/forgot` and `/auth/email/verify/resend` (signed-in: no body). */
export const forgotPasswordSchema = z.strictObject({ email });

/** `POST /auth/password/reset`. */
export const resetPasswordSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
});

/** `POST /me/email`: the new address (the password was given to the re-authentication). */
export const changeEmailSchema = z.strictObject({ email });

/** An accepted request whose work happens after the answer: an empty object. */
export const acceptedResponse = z.object({});

/** The session, sign-in, registration, sign-out and the account's own settings. */
export const authApi = {
  session: route({
    method: 'GET',
    path: '/session',
    summary: 'Who is signed in, the CSRF token, the language and the ways to sign in.',
    access: 'public',
    response: sessionResponse,
  }),
  setLocale: route({
    method: 'PUT',
    path: '/session/locale',
    summary: 'Chooses the interface language: a cookie, and the account\u2019s language when signed in.',
    access: 'public',
    body: setLocaleSchema,
    response: localeResponse,
  }),
  register: route({
    method: 'POST',
    path: '/auth/register',
    summary: 'Creates an account, sends its verification link and signs it in.',
    access: 'public',
    body: registerSchema,
    response: authResponse,
    status: 201,
    errors: ['email_taken'],
    rateLimit: 'registration',
  }),
  login: route({
    method: 'POST',
    path: '/auth/login',
    summary: 'Signs in with e-mail and password, or asks for the second factor next.',
    access: 'public',
    body: loginSchema,
    response: loginResponse,
    errors: ['invalid_credentials'],
    rateLimit: 'sign-in',
  }),
  secondFactor: route({
    method: 'POST',
    path: '/auth/login/second-factor',
    summary: 'Completes a sign-in with a code from the authenticator app or a recovery code.',
    access: 'public',
    body: secondFactorSchema,
    response: authResponse,
    errors: ['second_factor_expired', 'second_factor_invalid', 'two_factor_not_enabled'],
    rateLimit: 'second-factor',
  }),
  logout: route({
    method: 'POST',
    path: '/auth/logout',
    summary: 'Signs out: the session ends and its live connections close.',
    access: 'public',
    response: null,
    status: 204,
  }),
  updateAccount: route({
    method: 'PATCH',
    path: '/me',
    summary: 'Changes the account\u2019s display name or language.',
    access: 'member',
    body: updateAccountSchema,
    response: authResponse,
  }),
};

/**
 * E-mail verification, password reset and e-mail change. The requests answer 202 with an empty body
 * whether or not the address has an account, before looking.
 */
export const accountEmailApi = {
  verifyEmail: route({
    method: 'POST',
    path: '/auth/email/verify',
    summary: 'Marks the address verified, with the token of the link e-mailed to it.',
    access: 'public',
    body: tokenSchema,
    response: null,
    status: 204,
    errors: ['token_invalid'],
  }),
  resendVerification: route({
    method: 'POST',
    path: '/auth/email/verify/resend',
    summary: 'Sends the verification link again, unless the address is verified already.',
    access: 'member',
    response: acceptedResponse,
    status: 202,
  }),
  forgotPassword: route({
    method: 'POST',
    path: '/auth/password/forgot',
    summary: 'Sends a password-reset link if the address has an account (answered alike either way).',
    access: 'public',
    body: forgotPasswordSchema,
    response: acceptedResponse,
    status: 202,
    rateLimit: 'account-email',
  }),
  resetPassword: route({
    method: 'POST',
    path: '/auth/password/reset',
    summary: 'Sets a new password with the token of a reset link; every session of the account ends.',
    access: 'public',
    body: resetPasswordSchema,
    response: null,
    status: 204,
    errors: ['token_invalid'],
  }),
  changeEmail: route({
    method: 'POST',
    path: '/me/email',
    summary: 'Asks to move the account to a new address: a confirmation link goes there.',
    access: 'member',
    freshProof: true,
    body: changeEmailSchema,
    response: acceptedResponse,
    status: 202,
  }),
  confirmEmailChange: route({
    method: 'POST',
    path: '/auth/email/change/confirm',
    summary: 'Moves the account to the new address, with the token of the confirmation link.',
    access: 'public',
    body: tokenSchema,
    response: null,
    status: 204,
    errors: ['token_invalid', 'email_taken'],
  }),
};
