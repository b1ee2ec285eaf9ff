import type { Database, Tx } from '@server/db/pool';
import { AppError, forbidden, notFound, validationError } from '@server/errors';
import { audit } from '@server/audit';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';
import { assertCanWrite, updateMemberIdentityInTx, type MemberRow } from '@server/members';
import type { CompleteProfileRequest } from '@shared/api/security';
import { isUniqueViolation } from '@server/db/errors';
import type { RecentContribution } from '@shared/api/directory';
import type {
  MemberProfile,
  OwnProfile,
  UpdateProfileRequest,
  VerifyMemberRequest,
} from '@shared/api/directory';
import type { DirectoryService } from './directory.service';
import {
  existingHandles,
  findProfileByHandle,
  findProfileByMemberId,
  setVerification,
  swapAvatarKey,
  updateProfileRow,
  type ProfileChanges,
  type ProfileRecord,
} from './profile.queries';
import { presentOwnProfile, presentProfile } from './profile.presenter';
import {
  audienceOf,
  canOfferMessage,
  canSeeField,
  canVerify,
  canViewProfile,
  resolveVisibility,
} from './profile.policy';
import type { AvatarStorage } from './avatar.storage';

/** Suspended accounts may not change what others see of them; pending ones may prepare their profile. */
function assertCanEditProfile(member: MemberRow): void {
  if (member.status === 'suspended') throw new AppError(403, 'account_suspended');
}

/**
 * The name and handle show beside everything a member writes, so changing them is writing (as on the
 * account settings): pending and suspended members keep theirs. Sending them unchanged is no change.
 */
function assertCanRename(member: MemberRow, input: { displayName?: string; handle?: string }): void {
  const renamed = input.displayName !== undefined && input.displayName !== member.displayName;
  const rehandled = input.handle !== undefined && input.handle !== member.handle;
  if (renamed || rehandled) assertCanWrite(member);
}

/** What the identity-link feature tells profiles (through its service). */
export interface IdentityAssurance {
  isVerified(memberId: string): Promise<boolean>;
}

/** What a profile page shows from other features, asked through their services. */
export interface ProfileNeighbours {
  /** Whether `viewer` may start a conversation with the member (messaging's rules). */
  mayMessage(viewer: MemberRow, memberId: string): Promise<boolean>;
  /** The member's latest threads and replies that `viewer` may read (the forum's rules). */
  recentBy(viewer: MemberRow | null, memberId: string): Promise<RecentContribution[]>;
}

/**
 * Profiles: reading them as the viewer may, editing one's own, avatars and the verified badge. Without
 * `identities` (tools that never show a profile, such as the seed command) no profile reads as
 * identity-verified.
 */
/**
 * The moderation safeguards on what a profile says (watched words, a young account's links): `screen`
 * throws when the edit is refused outright; `record` queues a flagged edit in the edit's transaction.
 */
export interface ProfileScreening {
  screen(
    member: MemberRow,
    texts: { headline?: string | null; bio?: string; organization?: string | null },
    links: number,
  ): Promise<{ flag: boolean; words: string[] }>;
  record(
    tx: Tx,
    member: MemberRow,
    flagged: { words: string[] },
    texts: Record<string, unknown>,
  ): Promise<void>;
}

export function createProfileService(
  db: Database,
  directory: DirectoryService,
  avatars: AvatarStorage,
  neighbours: ProfileNeighbours,
  identities?: IdentityAssurance,
  screening?: ProfileScreening,
) {
  async function load(memberId: string): Promise<ProfileRecord> {
    const record = await findProfileByMemberId(db, memberId);
    if (!record) throw notFound();
    return record;
  }

  async function knownHandles(source: string): Promise<Set<string>> {
    const candidates = mentionCandidates(source);
    if (candidates.length === 0) return new Set();
    return new Set(await existingHandles(db, candidates));
  }

  return {
    /** A profile as `viewer` may see it; 404 when they may not see it at all. */
    async view(viewer: MemberRow | undefined, handle: string): Promise<MemberProfile> {
      const record = await findProfileByHandle(db, handle.toLowerCase());
      if (!record || !canViewProfile(viewer, record.member, record.profile.hiddenFromDirectory))
        throw notFound();
      const audience = audienceOf(viewer, record.member.id);
      const visibility = resolveVisibility(record.profile.visibility);
      // Similar peers are computed only from what the viewer may see, so they reveal nothing hidden.
      const similar = await directory.similar(viewer, {
        id: record.member.id,
        themes: canSeeField(audience, visibility.expertise) ? record.profile.themes : [],
        country: canSeeField(audience, visibility.country) ? record.profile.country : null,
      });
      const [recent, message] = await Promise.all([
        neighbours.recentBy(viewer ?? null, record.member.id),
        viewer && canOfferMessage(viewer, record.member.id)
          ? neighbours.mayMessage(viewer, record.member.id)
          : false,
      ]);
      return presentProfile(record, audience, {
        similar,
        identityVerified: (await identities?.isVerified(record.member.id)) ?? false,
        recent,
        abilities: { edit: audience === 'self', message, verify: canVerify(viewer) },
      });
    },

    /** The member's own profile with every field and setting. */
    async own(member: MemberRow): Promise<OwnProfile> {
      return presentOwnProfile(await load(member.id));
    },

    /** Applies a profile edit: all of it or, on any problem, nothing. */
    async update(member: MemberRow, input: UpdateProfileRequest): Promise<OwnProfile> {
      assertCanEditProfile(member);
      assertCanRename(member, input);
      const current = await load(member.id);
      const changes: ProfileChanges = {};
      for (const key of [
        'headline',
        'organization',
        'city',
        'country',
        'themes',
        'tags',
        'languages',
        'openToExchange',
        'hiddenFromDirectory',
      ] as const) {
        if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
      }
      if (input.sector !== undefined) changes.sector = input.sector;
      const sector = input.sector !== undefined ? input.sector : current.profile.sector;
      if (input.governmentLevel !== undefined) changes.governmentLevel = input.governmentLevel;
      const level =
        input.governmentLevel !== undefined ? input.governmentLevel : current.profile.governmentLevel;
      if (level && sector !== 'government') {
        if (input.governmentLevel) throw validationError({ governmentLevel: { code: 'invalid_value' } });
        changes.governmentLevel = null;
      }
      if (input.bio !== undefined) {
        const rendered = renderMarkdown(input.bio, {
          allowImages: false,
          knownHandles: await knownHandles(input.bio),
        });
        changes.bioSource = input.bio;
        changes.bioHtml = rendered.html;
      }
      if (input.links !== undefined)
        changes.links = input.links.map((link) => ({ url: link.url, label: link.label ?? null }));
      if (input.visibility !== undefined)
        changes.visibility = { ...current.profile.visibility, ...input.visibility };
      const texts = { headline: input.headline, bio: input.bio, organization: input.organization };
      const newLinks =
        (input.links?.length ?? 0) + (changes.bioHtml?.match(/<a\s[^>]*href="https?:\/\//gi) ?? []).length;
      const verdict = screening ? await screening.screen(member, texts, newLinks) : undefined;

      try {
        await db.transaction(async (tx) => {
          await updateMemberIdentityInTx(tx, member.id, {
            ...(input.displayName !== undefined && { displayName: input.displayName }),
            ...(input.handle !== undefined && { handle: input.handle }),
          });
          if (Object.keys(changes).length) await updateProfileRow(tx, member.id, changes);
          if (verdict?.flag && screening) await screening.record(tx, member, verdict, texts);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'members_handle_key')) {
          throw new AppError(409, 'handle_taken', { fields: { handle: { code: 'handle_taken' } } });
        }
        throw error;
      }
      return presentOwnProfile(await load(member.id));
    },

    /**
     * Records the profile a member reviewed after signing up through a provider, under the rules of every
     * other profile write: a new name needs a member who may write, a changed organization, country or
     * sector one whose account is not suspended, and the organization passes the watched words.
     * Reviewing without changing anything is always allowed.
     */
    async complete(member: MemberRow, input: CompleteProfileRequest): Promise<void> {
      const current = await load(member.id);
      const changes: ProfileChanges = {};
      if (input.country !== undefined && input.country !== current.profile.country) {
        changes.country = input.country;
      }
      if (input.sector !== undefined && input.sector !== current.profile.sector) {
        changes.sector = input.sector;
        // A government level only describes government work.
        if (input.sector !== 'government' && current.profile.governmentLevel) changes.governmentLevel = null;
      }
      const organization = input.organization === undefined ? undefined : input.organization || null;
      if (organization !== undefined && organization !== current.profile.organization) {
        changes.organization = organization;
      }
      const renamed = input.displayName !== member.displayName;
      if (renamed) assertCanWrite(member);
      if (Object.keys(changes).length) assertCanEditProfile(member);
      const texts = { organization: changes.organization };
      const verdict =
        screening && changes.organization ? await screening.screen(member, texts, 0) : undefined;
      await db.transaction(async (tx) => {
        await updateMemberIdentityInTx(tx, member.id, {
          ...(renamed && { displayName: input.displayName }),
          profileCompletedAt: new Date(),
        });
        if (Object.keys(changes).length) await updateProfileRow(tx, member.id, changes);
        if (verdict?.flag && screening) await screening.record(tx, member, verdict, texts);
      });
    },

    /** Replaces the member's avatar with an uploaded image (checked and re-encoded). */
    async setAvatar(member: MemberRow, data: Buffer): Promise<OwnProfile> {
      assertCanEditProfile(member);
      const key = await avatars.store(data);
      let previous: string | null;
      try {
        previous = await db.transaction((tx) => swapAvatarKey(tx, member.id, key));
      } catch (error) {
        await avatars.remove(key);
        throw error;
      }
      await avatars.remove(previous);
      return presentOwnProfile(await load(member.id));
    },

    /** Removes the avatar; the initials avatar shows instead. */
    async removeAvatar(member: MemberRow): Promise<OwnProfile> {
      const previous = await db.transaction((tx) => swapAvatarKey(tx, member.id, null));
      await avatars.remove(previous);
      return presentOwnProfile(await load(member.id));
    },

    /** A moderator marks a profile as verified with a role text; recorded in the audit trail. */
    async verify(moderator: MemberRow, handle: string, input: VerifyMemberRequest): Promise<MemberProfile> {
      if (!canVerify(moderator)) throw forbidden();
      const record = await findProfileByHandle(db, handle.toLowerCase());
      if (!record) throw notFound();
      await db.transaction(async (tx) => {
        await setVerification(tx, record.member.id, { roleText: input.roleText });
        await audit.record(tx, {
          actorId: moderator.id,
          action: 'profile.verify',
          targetType: 'member',
          targetId: record.member.id,
          reason: input.reason ?? null,
          before: { roleText: record.profile.verifiedRole },
          after: { roleText: input.roleText },
        });
      });
      return this.view(moderator, record.member.handle);
    },

    /** A moderator removes the verified badge; recorded in the audit trail. */
    async unverify(moderator: MemberRow, handle: string, reason: string | undefined): Promise<MemberProfile> {
      if (!canVerify(moderator)) throw forbidden();
      const record = await findProfileByHandle(db, handle.toLowerCase());
      if (!record) throw notFound();
      await db.transaction(async (tx) => {
        await setVerification(tx, record.member.id, null);
        await audit.record(tx, {
          actorId: moderator.id,
          action: 'profile.unverify',
          targetType: 'member',
          targetId: record.member.id,
          reason: reason ?? null,
          before: { roleText: record.profile.verifiedRole },
          after: { roleText: null },
        });
      });
      return this.view(moderator, record.member.handle);
    },
  };
}

/** The profile service. */
export type ProfileService = ReturnType<typeof createProfileService>;
