import type { MemberCard, MemberProfile, OwnProfile, VerifiedBadge } from '@shared/api/directory';
import type { Sector, Theme } from '@shared/constants';
import { LAC_COUNTRIES, type LacSubregion } from '@shared/countries';
import type { ProfileRecord, ProfileRow } from './profile.queries';
import { canSeeField, resolveVisibility, type Audience } from './profile.policy';

const SUBREGION_OF = new Map<string, LacSubregion>(LAC_COUNTRIES.map((c) => [c.code, c.subregion]));

/** The public URL of a stored avatar. */
export function avatarUrl(key: string | null): string | null {
  return key ? `/media/avatars/${key}.webp` : null;
}

function badgeOf(profile: ProfileRow): VerifiedBadge | null {
  return profile.verifiedAt && profile.verifiedRole
    ? { roleText: profile.verifiedRole, verifiedAt: profile.verifiedAt.toISOString() }
    : null;
}

/** A directory card with only the fields this audience may see. */
export function presentCard({ member, profile }: ProfileRecord, audience: Audience): MemberCard {
  const visibility = resolveVisibility(profile.visibility);
  const sees = (field: keyof typeof visibility) => canSeeField(audience, visibility[field]);
  const country = sees('country') ? profile.country : null;
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.displayName,
    avatarUrl: avatarUrl(profile.avatarKey),
    headline: sees('headline') ? profile.headline : null,
    organization: sees('organization') ? profile.organization : null,
    sector: sees('sector') ? (profile.sector as Sector | null) : null,
    governmentLevel: sees('sector') ? profile.governmentLevel : null,
    country,
    subregion: country ? (SUBREGION_OF.get(country) ?? null) : null,
    city: sees('city') ? profile.city : null,
    themes: sees('expertise') ? (profile.themes as Theme[]) : [],
    tags: sees('expertise') ? profile.tags : [],
    languages: sees('languages') ? profile.languages : [],
    openToExchange: profile.openToExchange,
    verified: badgeOf(profile),
  };
}

/** A profile page's content for this audience; abilities, similar peers and recent posts come from the service. */
export function presentProfile(
  record: ProfileRecord,
  audience: Audience,
  extra: Pick<MemberProfile, 'abilities' | 'similar' | 'identityVerified' | 'recent'>,
): MemberProfile {
  const visibility = resolveVisibility(record.profile.visibility);
  const bioVisible = canSeeField(audience, visibility.bio) && record.profile.bioHtml !== '';
  return {
    ...presentCard(record, audience),
    bioHtml: bioVisible ? record.profile.bioHtml : null,
    links: canSeeField(audience, visibility.links) ? record.profile.links : [],
    role: record.member.role,
    memberSince: record.member.createdAt.toISOString(),
    ...extra,
  };
}

/** The owner's view of their own profile: every field and its settings. */
export function presentOwnProfile({ member, profile }: ProfileRecord): OwnProfile {
  return {
    handle: member.handle,
    displayName: member.displayName,
    avatarUrl: avatarUrl(profile.avatarKey),
    headline: profile.headline,
    organization: profile.organization,
    sector: profile.sector as Sector | null,
    governmentLevel: profile.governmentLevel,
    country: profile.country,
    city: profile.city,
    themes: profile.themes as Theme[],
    tags: profile.tags,
    languages: profile.languages,
    bio: profile.bioSource,
    bioHtml: profile.bioHtml,
    links: profile.links,
    openToExchange: profile.openToExchange,
    hiddenFromDirectory: profile.hiddenFromDirectory,
    visibility: resolveVisibility(profile.visibility),
    verified: badgeOf(profile),
  };
}
