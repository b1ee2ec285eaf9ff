/** Languages the product speaks; `pt` is Brazilian Portuguese. */
export const LOCALES = ['es', 'pt', 'en', 'fr'] as const;

/** One of the product's languages. */
export type Locale = (typeof LOCALES)[number];

/** Languages content may be written in: the product's four, or `other`. */
export const CONTENT_LANGS = ['es', 'pt', 'en', 'fr', 'other'] as const;

/** A content language. */
export type ContentLang = (typeof CONTENT_LANGS)[number];

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

/** Moderators and admins may use staff tools. */
export function isStaffRole(role: Role): boolean {
  return role === 'moderator' || role === 'admin';
}

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
  headlineMax: 120,
  organizationMax: 120,
  cityMax: 80,
  bioMax: 4000,
  tagMax: 40,
  tagsMax: 10,
  languagesMax: 10,
  linksMax: 5,
  linkUrlMax: 300,
  linkLabelMax: 60,
  verifiedRoleMax: 120,
  auditReasonMax: 500,
  searchQueryMax: 100,
  directoryPageMax: 50,
  directoryPageDefault: 24,
  avatarBytesMax: 2 * 1024 * 1024,
} as const;

/** Levels of government, for members in the government sector. */
export const GOVERNMENT_LEVELS = ['national', 'subnational', 'local'] as const;

/** A level of government. */
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

/** Who may see a profile field: anyone, signed-in members, or only its owner. */
export const VISIBILITIES = ['public', 'members', 'private'] as const;

/** A field's visibility. */
export type Visibility = (typeof VISIBILITIES)[number];

/** Profile fields whose visibility the member chooses. Name, handle, avatar and badge are always shown. */
export const PROFILE_FIELDS = [
  'headline',
  'organization',
  'sector',
  'country',
  'city',
  'expertise',
  'languages',
  'bio',
  'links',
] as const;

/** A profile field with its own visibility. */
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The visibility of each field until the member changes it: findable by default, details for members. */
export const DEFAULT_VISIBILITY: Readonly<Record<ProfileField, Visibility>> = {
  headline: 'public',
  organization: 'public',
  sector: 'public',
  country: 'public',
  city: 'members',
  expertise: 'public',
  languages: 'public',
  bio: 'members',
  links: 'members',
};

/**
 * Working languages a member may list (ISO 639-1): the network's four, then languages of the region and
 * of OECD peers. Names come from `Intl.DisplayNames`.
 */
export const WORKING_LANGUAGES = [
  'es',
  'pt',
  'en',
  'fr',
  'ht',
  'nl',
  'qu',
  'ay',
  'gn',
  'de',
  'it',
  'ja',
  'ko',
  'zh',
  'ar',
  'he',
  'tr',
  'pl',
  'cs',
  'sv',
  'da',
  'fi',
  'no',
  'is',
  'el',
  'hu',
  'sk',
  'sl',
  'et',
  'lv',
  'lt',
  'ca',
  'eu',
  'gl',
] as const;

/** Handles that would read as the product speaking, or collide with pages. */
export const RESERVED_HANDLES: readonly string[] = [
  'admin',
  'agora',
  'me',
  'moderator',
  'new',
  'support',
  'system',
];

/** Name of the header that carries the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'X-CSRF-Token';
