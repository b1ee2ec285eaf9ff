import { z } from 'zod';
import { LOCALES, type Locale, type MemberStatus, type Role } from '../constants';

/** The signed-in member as the session exposes them. */
export interface SessionUser {
  id: string;
  handle: string;
  displayName: string;
  role: Role;
  status: MemberStatus;
  locale: Locale;
  /** False for an account created from a provider's claims until the member has reviewed their profile. */
  profileComplete: boolean;
  /** A linked identity provider vouched for who the member is (its assurance claim met the set level). */
  identityVerified: boolean;
  /** For a moderator limited to some categories, their ids; null moderates every category. */
  scopes: string[] | null;
}

/** The second factor as the session reports it. */
export interface SessionTwoFactor {
  enabled: boolean;
  /** Moderators and admins must enrol; until then staff tools refuse them. */
  required: boolean;
}

/** A configured OpenID Connect provider offered on the sign-in page. */
export interface OidcProviderSummary {
  id: string;
  name: string;
}

/** `GET /api/v1/session` */
export interface SessionResponse {
  user: SessionUser | null;
  csrfToken: string;
  locale: Locale;
  oidcProviders: OidcProviderSummary[];
  membership: 'open' | 'approval';
  /** The password (or provider) step passed and the second-factor code is awaited. */
  secondFactorPending: boolean;
  /** The signed-in member's second factor; null for visitors. */
  twoFactor: SessionTwoFactor | null;
}

/** `PUT /api/v1/session/locale`: the language chosen in the switcher. */
export const setLocaleSchema = z.strictObject({ locale: z.enum(LOCALES) });

/** Body of `PUT /api/v1/session/locale`. */
export type SetLocaleRequest = z.infer<typeof setLocaleSchema>;
