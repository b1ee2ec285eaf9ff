import { z } from 'zod';
import {
  GOVERNMENT_LEVELS,
  LIMITS,
  PROFILE_FIELDS,
  RESERVED_HANDLES,
  SECTORS,
  THEMES,
  VISIBILITIES,
  WORKING_LANGUAGES,
  type GovernmentLevel,
  type ProfileField,
  type Role,
  type Sector,
  type Theme,
  type Visibility,
} from '../constants';
import { COUNTRY_CODES, LAC_SUBREGIONS } from '../countries';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** An http(s) URL a member links to; other schemes (javascript:, data:) are refused. */
export const linkSchema = z.strictObject({
  url: z
    .string()
    .trim()
    .max(LIMITS.linkUrlMax)
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain })),
  label: optionalText(LIMITS.linkLabelMax).optional(),
});

/** A member handle: lower-case letters, digits and underscores, not a reserved word. */
export const handleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(LIMITS.handleMin)
  .max(LIMITS.handleMax)
  .regex(/^[a-z0-9_]+$/)
  .refine((handle) => !RESERVED_HANDLES.includes(handle));

const countrySchema = z.string().refine((code) => COUNTRY_CODES.includes(code));

/** `PATCH /api/v1/me/profile`: any subset of the profile; `null` or "" clears an optional field. */
export const updateProfileSchema = z
  .strictObject({
    displayName: z.string().trim().min(LIMITS.displayNameMin).max(LIMITS.displayNameMax).optional(),
    handle: handleSchema.optional(),
    headline: optionalText(LIMITS.headlineMax).optional(),
    organization: optionalText(LIMITS.organizationMax).optional(),
    sector: z.enum(SECTORS).nullable().optional(),
    governmentLevel: z.enum(GOVERNMENT_LEVELS).nullable().optional(),
    country: countrySchema.nullable().optional(),
    city: optionalText(LIMITS.cityMax).optional(),
    themes: z
      .array(z.enum(THEMES))
      .max(THEMES.length)
      .transform((themes) => [...new Set(themes)])
      .optional(),
    tags: z
      .array(z.string().trim().toLowerCase().min(2).max(LIMITS.tagMax))
      .max(LIMITS.tagsMax)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    languages: z
      .array(z.enum(WORKING_LANGUAGES))
      .max(LIMITS.languagesMax)
      .transform((languages) => [...new Set(languages)])
      .optional(),
    bio: z.string().max(LIMITS.bioMax).optional(),
    links: z.array(linkSchema).max(LIMITS.linksMax).optional(),
    openToExchange: z.boolean().optional(),
    hiddenFromDirectory: z.boolean().optional(),
    visibility: z.partialRecord(z.enum(PROFILE_FIELDS), z.enum(VISIBILITIES)).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { path: ['_'] });

/** Body of `PATCH /api/v1/me/profile`. */
export type UpdateProfileRequest = z.infer<typeof updateProfileSchema>;

/** Directory sort orders. */
export const DIRECTORY_SORTS = ['relevance', 'recent', 'name'] as const;

/** A directory sort order. */
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

/** A facet filter: repeated (`?country=BR&country=MX`) or comma-separated (`?country=BR,MX`). */
const multi = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (value) =>
      value === undefined
        ? []
        : (Array.isArray(value) ? value : [value])
            .flatMap((entry) => String(entry).split(','))
            .map((entry) => entry.trim())
            .filter(Boolean),
    z.array(item).max(50),
  );

const flag = z.preprocess(
  (value) => (value === undefined || value === '' ? undefined : value),
  z.enum(['true']).optional(),
);

/** `GET /api/v1/members` query. */
export const directoryQuerySchema = z.object({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  country: multi(countrySchema),
  subregion: multi(z.enum(LAC_SUBREGIONS)),
  sector: multi(z.enum(SECTORS)),
  expertise: multi(z.enum(THEMES)),
  language: multi(z.enum(WORKING_LANGUAGES)),
  openToExchange: flag,
  verified: flag,
  sort: z.enum(DIRECTORY_SORTS).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.directoryPageMax).default(LIMITS.directoryPageDefault),
});

/** Parsed directory query. */
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** `PUT /api/v1/members/:handle/verification` (moderators): the role the badge states. */
export const verifyMemberSchema = z.strictObject({
  roleText: z.string().trim().min(3).max(LIMITS.verifiedRoleMax),
  reason: z.string().trim().max(LIMITS.auditReasonMax).optional(),
});

/** Body of a verification. */
export type VerifyMemberRequest = z.infer<typeof verifyMemberSchema>;

/** `DELETE /api/v1/members/:handle/verification` (moderators). */
export const unverifyMemberSchema = z.strictObject({
  reason: z.string().trim().max(LIMITS.auditReasonMax).optional(),
});

/** `DELETE /api/v1/me`: the member types their handle to confirm. */
export const deleteAccountSchema = z.strictObject({ confirmHandle: z.string().trim().min(1) });

/** Body of an account deletion. */
export type DeleteAccountRequest = z.infer<typeof deleteAccountSchema>;

/** A link on a profile. */
export interface ProfileLink {
  url: string;
  label?: string | null;
}

/** The verified role badge. */
export const verifiedBadge = z.object({ roleText: z.string(), verifiedAt: z.string() });
/** The verified role badge. */
export type VerifiedBadge = z.infer<typeof verifiedBadge>;

/** A directory card: the fields the viewer may see; hidden fields are absent (`null`/empty). */
export const memberCard = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  headline: z.string().nullable(),
  organization: z.string().nullable(),
  sector: z.enum(SECTORS).nullable(),
  governmentLevel: z.enum(GOVERNMENT_LEVELS).nullable(),
  country: z.string().nullable(),
  subregion: z.enum(LAC_SUBREGIONS).nullable(),
  city: z.string().nullable(),
  themes: z.array(z.enum(THEMES)),
  tags: z.array(z.string()),
  languages: z.array(z.string()),
  openToExchange: z.boolean(),
  verified: verifiedBadge.nullable(),
});
/** A directory card. */
export type MemberCard = z.infer<typeof memberCard>;

/** A full profile as the viewer may see it. */
export interface MemberProfile extends MemberCard {
  bioHtml: string | null;
  links: ProfileLink[];
  role: Role;
  memberSince: string;
  /** A linked identity provider vouched for who the member is (its assurance claim met the set level). */
  identityVerified: boolean;
  /** What the viewer may do here. */
  abilities: { edit: boolean; message: boolean; verify: boolean };
  /** Peers with the same themes in other countries. */
  similar: MemberCard[];
  /** The member's latest threads and replies in categories the viewer may read. */
  recent: RecentContribution[];
}

/** A thread the member started or a reply they wrote, as their profile lists it. */
export interface RecentContribution {
  kind: 'thread' | 'reply';
  threadId: string;
  threadTitle: string;
  postId: string;
  createdAt: string;
}

/** The signed-in member's own profile with every field and its settings, for the edit form. */
export interface OwnProfile {
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  headline: string | null;
  organization: string | null;
  sector: Sector | null;
  governmentLevel: GovernmentLevel | null;
  country: string | null;
  city: string | null;
  themes: Theme[];
  tags: string[];
  languages: string[];
  bio: string;
  bioHtml: string;
  links: ProfileLink[];
  openToExchange: boolean;
  hiddenFromDirectory: boolean;
  visibility: Record<ProfileField, Visibility>;
  verified: VerifiedBadge | null;
}

/** One facet value and how many results have it (given every other facet's filter). */
export interface FacetCount {
  value: string;
  count: number;
}

/** Facet counts of a directory query. */
export interface DirectoryFacets {
  country: FacetCount[];
  subregion: FacetCount[];
  sector: FacetCount[];
  expertise: FacetCount[];
  language: FacetCount[];
  openToExchange: FacetCount[];
  verified: FacetCount[];
}

/** `GET /api/v1/members` response. */
export interface DirectoryResponse {
  items: MemberCard[];
  nextCursor: string | null;
  total: number;
  facets: DirectoryFacets;
}

/** `GET /api/v1/members/:handle` response. */
export interface MemberProfileResponse {
  profile: MemberProfile;
}

/** `GET/PATCH /api/v1/me/profile` response. */
export interface OwnProfileResponse {
  profile: OwnProfile;
}
