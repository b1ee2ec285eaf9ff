/** Languages the product speaks; `pt` is Brazilian Portuguese. */
export const LOCALES = ['es', 'pt', 'en', 'fr'] as const;

/** One of the product's languages. */
export type Locale = (typeof LOCALES)[number];

/** Narrows any string to a product language. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The network's themes: category seeds and member expertise. */
export const THEMES = [
  'good-governance',
  'open-government',
  'public-sector-innovation',
  'digital-government-open-data',
  'citizen-participation',
] as const;

/** A theme identifier. */
export type Theme = (typeof THEMES)[number];

/** Sectors members work in. */
export const SECTORS = [
  'government',
  'civil-society',
  'business',
  'academia',
  'international-organization',
  'other',
] as const;

/** A sector identifier. */
export type Sector = (typeof SECTORS)[number];

/** Roles, from least to most privileged. */
export const ROLES = ['member', 'moderator', 'admin'] as const;

/** A member's role. */
export type Role = (typeof ROLES)[number];

/** Account states: `pending` members may read and sign in but not write. */
export const MEMBER_STATUSES = ['pending', 'active', 'suspended'] as const;

/** An account state. */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Limits shared by schemas, database constraints and forms. */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  // argon2 hashes any length, but a megabyte password is a denial-of-service vector.
  passwordMax: 256,
  displayNameMin: 2,
  displayNameMax: 80,
  handleMin: 3,
  handleMax: 30,
} as const;

/** Name of the header that carries the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'X-CSRF-Token';
