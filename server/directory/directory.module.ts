import { directoryApi } from '@shared/api/directory';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { DirectoryService } from './directory.service';
import type { ProfileService } from './profile.service';
import type { AvatarStorage } from './avatar.storage';
import { profileHandlers } from './profile.routes';
import { mediaRoutes } from './media.routes';
import { profileData } from './profile.data';

/** The peer directory and profiles; stored avatars served under /media. */
export function directoryModule(deps: {
  directory: DirectoryService;
  profiles: ProfileService;
  avatars: AvatarStorage;
}): FeatureModule {
  return {
    name: 'directory',
    routes: [apiRoutes(directoryApi, profileHandlers(deps.directory, deps.profiles))],
    pages: [{ handler: mediaRoutes(deps.avatars) }],
    personalData: [profileData(deps.avatars)],
  };
}
