import type { PersonalDataContributor } from '@server/http/module';
import type { AvatarStorage } from './avatar.storage';
import { findProfileByMemberId } from './profile.queries';
import { presentOwnProfile } from './profile.presenter';

/**
 * The profile in a member's data archive: every field, its visibility and directory settings. The avatar
 * file is removed once the account is deleted (the row goes with the member through its foreign key).
 */
export function profileData(avatars: AvatarStorage): PersonalDataContributor {
  return {
    key: 'profile',
    async collect(db, memberId) {
      const record = await findProfileByMemberId(db, memberId);
      if (!record) return null;
      const { handle: _handle, displayName: _name, ...profile } = presentOwnProfile(record);
      return {
        ...profile,
        avatarKey: record.profile.avatarKey,
        updatedAt: record.profile.updatedAt.toISOString(),
      };
    },
    async afterErase(_memberId, collected) {
      const key = (collected as { avatarKey?: string | null } | null)?.avatarKey ?? null;
      await avatars.remove(key);
    },
  };
}
