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
}

/** `PUT /api/v1/session/locale`: the language chosen in the switcher. */
export const setLocaleSchema = z.strictObject({ locale: z.enum(LOCALES) });

/** Body of `PUT /api/v1/session/locale`. */
export type SetLocaleRequest = z.infer<typeof setLocaleSchema>;
