/**
 * The public module of the directory feature: member profiles, avatars, the directory and themes. Other
 * features import only from here (`@server/directory`), never its queries, routes or tables; the composition
 * root imports its route handler factories and socket registrations from here too.
 */
export { type AvatarStorage, createAvatarStorage } from './avatar.storage';
export { createDirectoryService, type DirectoryService } from './directory.service';
export { mediaRoutes } from './media.routes';
export { profileData } from './profile.data';
export { profileHandlers } from './profile.routes';
export { createProfileService, type ProfileScreening, type ProfileService } from './profile.service';
export { createMemberThemes, type MemberThemes } from './themes';
