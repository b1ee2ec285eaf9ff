import { z } from 'zod';
import { LIMITS, LOCALES } from '../constants';
import type { SessionUser } from './session';

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

/** Answer of a successful registration or sign-in. */
export interface AuthResponse {
  user: SessionUser;
}

/** Answer of `POST /api/v1/auth/login`: signed in, or the second-factor code is needed first. */
export type LoginResponse =
  { user: SessionUser; secondFactorRequired: false } | { user: null; secondFactorRequired: true };

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
