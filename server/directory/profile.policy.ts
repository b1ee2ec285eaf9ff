import {
  DEFAULT_VISIBILITY,
  PROFILE_FIELDS,
  VISIBILITIES,
  type ProfileField,
  type Visibility,
} from '@shared/constants';
import { isStaff, type MemberRow } from '@server/members';
import { isGlobalModerator } from '@shared/forum-policy';

/** Who is looking at a profile: an anonymous visitor, a signed-in member, or its owner. */
export type Audience = 'public' | 'members' | 'self';

/** The audience a viewer belongs to for one profile. */
export function audienceOf(viewer: Pick<MemberRow, 'id'> | undefined, ownerId: string): Audience {
  if (!viewer) return 'public';
  return viewer.id === ownerId ? 'self' : 'members';
}

/** The visibilities an audience may see. */
export function visibleLevels(audience: Audience): Visibility[] {
  if (audience === 'self') return [...VISIBILITIES];
  return audience === 'members' ? ['public', 'members'] : ['public'];
}

/** A profile's visibility settings with defaults filled in; unknown stored values fall back to private. */
export function resolveVisibility(stored: Record<string, string>): Record<ProfileField, Visibility> {
  const resolved = { ...DEFAULT_VISIBILITY };
  for (const field of PROFILE_FIELDS) {
    const value = stored[field];
    if (value !== undefined)
      resolved[field] = (VISIBILITIES as readonly string[]).includes(value)
        ? (value as Visibility)
        : 'private';
  }
  return resolved;
}

/** Whether an audience sees a field with this visibility. */
export function canSeeField(audience: Audience, visibility: Visibility): boolean {
  return visibleLevels(audience).includes(visibility);
}

/**
 * Whether a viewer may open a profile at all. Only active accounts have profiles to show (staff and the
 * owner excepted); a profile hidden from the directory is shown to signed-in members only.
 */
export function canViewProfile(
  viewer: MemberRow | undefined,
  owner: Pick<MemberRow, 'id' | 'status'>,
  hiddenFromDirectory: boolean,
): boolean {
  if (viewer && (viewer.id === owner.id || isStaff(viewer))) return true;
  if (owner.status !== 'active') return false;
  return viewer !== undefined || !hiddenFromDirectory;
}

/**
 * The verified badge is member-wide, like a suspension: admins and moderators of every category set it;
 * a moderator scoped to some categories does not.
 */
export function canVerify(viewer: MemberRow | undefined): boolean {
  return viewer !== undefined && isGlobalModerator(viewer);
}

/** Whether to offer a "Message" action: another active member; the messaging feature decides the rest. */
export function canOfferMessage(viewer: MemberRow | undefined, ownerId: string): boolean {
  return viewer !== undefined && viewer.id !== ownerId && viewer.status === 'active';
}
