import type { directoryApi } from '@shared/api/directory';
import type { RouteHandlers } from '@server/http/mount';
import type { DirectoryService } from './directory.service';
import type { ProfileService } from './profile.service';

/** The directory, profiles, the member's own profile and avatar, and the verified badge. */
export function profileHandlers(
  directory: DirectoryService,
  profiles: ProfileService,
): RouteHandlers<typeof directoryApi> {
  return {
    list: ({ member, query }) => directory.search(member, query),
    profile: async ({ member, params }) => ({ profile: await profiles.view(member, params.handle) }),
    verify: async ({ member, params, body }) => ({
      profile: await profiles.verify(member, params.handle, body),
    }),
    unverify: async ({ member, params, body }) => ({
      profile: await profiles.unverify(member, params.handle, body.reason),
    }),
    ownProfile: async ({ member }) => ({ profile: await profiles.own(member) }),
    updateProfile: async ({ member, body }) => ({ profile: await profiles.update(member, body) }),
    setAvatar: async ({ member, body }) => ({ profile: await profiles.setAvatar(member, body) }),
    removeAvatar: async ({ member }) => ({ profile: await profiles.removeAvatar(member) }),
  };
}
