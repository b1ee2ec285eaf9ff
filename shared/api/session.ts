import { z } from '../zod';
import { LOCALES, MEMBER_STATUSES, ROLES } from '../constants';

/** The signed-in member as the session exposes them. */
export const sessionUser = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  status: z.enum(MEMBER_STATUSES),
  locale: z.enum(LOCALES),
  /** False for an account created from a provider's claims until the member has reviewed their profile. */
  profileComplete: z.boolean(),
  /** A linked identity provider vouched for who the member is (its assurance claim met the set level). */
  identityVerified: z.boolean(),
  /** For a moderator limited to some categories, their ids; null moderates every category. */
  scopes: z.array(z.string()).nullable(),
});
/** The signed-in member as the session exposes them. */
export type SessionUser = z.infer<typeof sessionUser>;

/** The second factor as the session reports it. */
export const sessionTwoFactor = z.object({
  enabled: z.boolean(),
  /** Moderators and admins must enrol; until then staff tools refuse them. */
  required: z.boolean(),
});
/** The second factor as the session reports it. */
export type SessionTwoFactor = z.infer<typeof sessionTwoFactor>;

/** A configured OpenID Connect provider offered on the sign-in page. */
export const oidcProviderSummary = z.object({ id: z.string(), name: z.string() });
/** A configured OpenID Connect provider offered on the sign-in page. */
export type OidcProviderSummary = z.infer<typeof oidcProviderSummary>;

/** How new accounts start: active at once, or pending until a moderator approves them. */
export const MEMBERSHIP_MODES = ['open', 'approval'] as const;

/** `GET /api/v1/session` */
export const sessionResponse = z.object({
  user: sessionUser.nullable(),
  csrfToken: z.string(),
  locale: z.enum(LOCALES),
  oidcProviders: z.array(oidcProviderSummary),
  membership: z.enum(MEMBERSHIP_MODES),
  /** The password (or provider) step passed and the second-factor code is awaited. */
  secondFactorPending: z.boolean(),
  /** The signed-in member's second factor; null for visitors. */
  twoFactor: sessionTwoFactor.nullable(),
});
/** `GET /api/v1/session` */
export type SessionResponse = z.infer<typeof sessionResponse>;

/** `PUT /api/v1/session/locale`: the language chosen in the switcher. */
export const setLocaleSchema = z.strictObject({ locale: z.enum(LOCALES) });

/** Body of `PUT /api/v1/session/locale`. */
export type SetLocaleRequest = z.infer<typeof setLocaleSchema>;

/** The language the session speaks now: the answer of `PUT /api/v1/session/locale`. */
export const localeResponse = z.object({ locale: z.enum(LOCALES) });

/** Answer of a successful registration or sign-in, and of changes to the signed-in account. */
export const authResponse = z.object({ user: sessionUser });
/** Answer of a successful registration or sign-in. */
export type AuthResponse = z.infer<typeof authResponse>;
