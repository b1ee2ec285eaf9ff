import { z } from '../zod';
import {
  GOVERNMENT_LEVELS,
  LIMITS,
  PROFILE_FIELDS,
  RESERVED_HANDLES,
  ROLES,
  SECTORS,
  THEMES,
  VISIBILITIES,
  WORKING_LANGUAGES,
} from '../constants';
import { COUNTRY_CODES, LAC_SUBREGIONS } from '../countries';
import { route } from '../contract';

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
// Optional on the way in (the reference lists it as optional), an empty list on the way out.
const multi = <T extends z.ZodType<string>>(item: T) =>
  z
    .preprocess(
      (value) =>
        (Array.isArray(value) ? value : [value])
          .flatMap((entry) => String(entry).split(','))
          .map((entry) => entry.trim())
          .filter(Boolean),
      z.array(item).max(50),
    )
    .optional()
    .transform((values) => values ?? []);

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
export const profileLink = z.object({ url: z.string(), label: z.string().nullable().optional() });
/** A link on a profile. */
export type ProfileLink = z.infer<typeof profileLink>;

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

/** A thread the member started or a reply they wrote, as their profile lists it. */
export const recentContribution = z.object({
  kind: z.enum(['thread', 'reply']),
  threadId: z.string(),
  threadTitle: z.string(),
  postId: z.string(),
  createdAt: z.string(),
});
/** A thread the member started or a reply they wrote, as their profile lists it. */
export type RecentContribution = z.infer<typeof recentContribution>;

/** A full profile as the viewer may see it. */
export const memberProfile = memberCard.extend({
  bioHtml: z.string().nullable(),
  links: z.array(profileLink),
  role: z.enum(ROLES),
  memberSince: z.string(),
  /** A linked identity provider vouched for who the member is (its assurance claim met the set level). */
  identityVerified: z.boolean(),
  /** What the viewer may do here. */
  abilities: z.object({ edit: z.boolean(), message: z.boolean(), verify: z.boolean() }),
  /** Peers with the same themes in other countries. */
  similar: z.array(memberCard),
  /** The member's latest threads and replies in categories the viewer may read. */
  recent: z.array(recentContribution),
});
/** A full profile as the viewer may see it. */
export type MemberProfile = z.infer<typeof memberProfile>;

/** The signed-in member's own profile with every field and its settings, for the edit form. */
export const ownProfile = memberCard.omit({ id: true, subregion: true }).extend({
  bio: z.string(),
  bioHtml: z.string(),
  links: z.array(profileLink),
  hiddenFromDirectory: z.boolean(),
  visibility: z.record(z.enum(PROFILE_FIELDS), z.enum(VISIBILITIES)),
});
/** The signed-in member's own profile with every field and its settings. */
export type OwnProfile = z.infer<typeof ownProfile>;

/** One facet value and how many results have it (given every other facet's filter). */
export const facetCount = z.object({ value: z.string(), count: z.number().int() });
/** One facet value and how many results have it. */
export type FacetCount = z.infer<typeof facetCount>;

/** Facet counts of a directory query. */
export const directoryFacets = z.object({
  country: z.array(facetCount),
  subregion: z.array(facetCount),
  sector: z.array(facetCount),
  expertise: z.array(facetCount),
  language: z.array(facetCount),
  openToExchange: z.array(facetCount),
  verified: z.array(facetCount),
});
/** Facet counts of a directory query. */
export type DirectoryFacets = z.infer<typeof directoryFacets>;

/** `GET /api/v1/members` response. */
export const directoryResponse = z.object({
  items: z.array(memberCard),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  facets: directoryFacets,
});
/** `GET /api/v1/members` response. */
export type DirectoryResponse = z.infer<typeof directoryResponse>;

/** `GET /api/v1/members/:handle` response. */
export const memberProfileResponse = z.object({ profile: memberProfile });
/** `GET /api/v1/members/:handle` response. */
export type MemberProfileResponse = z.infer<typeof memberProfileResponse>;

/** `GET/PATCH /api/v1/me/profile` response. */
export const ownProfileResponse = z.object({ profile: ownProfile });
/** `GET/PATCH /api/v1/me/profile` response. */
export type OwnProfileResponse = z.infer<typeof ownProfileResponse>;

/** The archive a member downloads: every feature's part of their data, under its key. */
export const personalDataArchive = z.object({
  format: z.literal('agora-personal-data'),
  version: z.literal(1),
  exportedAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
/** The archive a member downloads. */
export type PersonalDataArchive = z.infer<typeof personalDataArchive>;

/**
 * Content types an avatar upload may declare; the content itself is checked anyway, this only keeps
 * other bodies unread.
 */
export const AVATAR_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/octet-stream',
] as const;

/** A handle in a path: letters, digits and underscores, any case; anything else names no member. */
export const handleParams = z.object({ handle: z.string().regex(/^[A-Za-z0-9_]{1,40}$/) });

/** The peer directory, profiles, the member's own profile and avatar, and the verified badge. */
export const directoryApi = {
  list: route({
    method: 'GET',
    path: '/members',
    summary: 'Searches the directory of members, with facet counts.',
    access: 'public',
    query: directoryQuerySchema,
    response: directoryResponse,
  }),
  profile: route({
    method: 'GET',
    path: '/members/:handle',
    summary: 'A member\u2019s profile, as the viewer may see it.',
    access: 'public',
    params: handleParams,
    response: memberProfileResponse,
  }),
  verify: route({
    method: 'PUT',
    path: '/members/:handle/verification',
    summary: 'Gives a member the verified badge with the role it states (moderators of every category).',
    access: 'staff',
    params: handleParams,
    body: verifyMemberSchema,
    response: memberProfileResponse,
  }),
  unverify: route({
    method: 'DELETE',
    path: '/members/:handle/verification',
    summary: 'Takes the verified badge away (moderators of every category).',
    access: 'staff',
    params: handleParams,
    body: unverifyMemberSchema,
    response: memberProfileResponse,
  }),
  ownProfile: route({
    method: 'GET',
    path: '/me/profile',
    summary: 'The signed-in member\u2019s own profile, with every field and its visibility.',
    access: 'member',
    response: ownProfileResponse,
  }),
  updateProfile: route({
    method: 'PATCH',
    path: '/me/profile',
    summary: 'Changes any part of the member\u2019s own profile, all of it or nothing.',
    access: 'member',
    body: updateProfileSchema,
    response: ownProfileResponse,
    errors: ['handle_taken', 'too_many_links', 'watched_word_blocked'],
  }),
  setAvatar: route({
    method: 'PUT',
    path: '/me/avatar',
    summary: 'Replaces the member\u2019s avatar with an image (PNG, JPEG or WebP), re-encoded as a square.',
    access: 'member',
    upload: { contentTypes: AVATAR_CONTENT_TYPES, maxBytes: LIMITS.avatarBytesMax },
    response: ownProfileResponse,
    errors: ['avatar_invalid'],
  }),
  removeAvatar: route({
    method: 'DELETE',
    path: '/me/avatar',
    summary: 'Removes the member\u2019s avatar; their initials show instead.',
    access: 'member',
    response: ownProfileResponse,
  }),
};

/** "Your data": the archive download and account deletion. */
export const privacyApi = {
  exportData: route({
    method: 'GET',
    path: '/me/export',
    summary: 'Downloads everything the member wrote and chose, as a JSON file (logged).',
    access: 'member',
    response: personalDataArchive,
  }),
  deleteAccount: route({
    method: 'DELETE',
    path: '/me',
    summary: 'Deletes the account for good; public contributions stay under \u201cformer member\u201d.',
    access: 'member',
    freshProof: true,
    body: deleteAccountSchema,
    response: null,
    status: 204,
  }),
};
