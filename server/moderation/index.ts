/**
 * The public module of the moderation feature: flags, the moderation queue, safeguards, watched words and
 * applications. Other features import only from here (`@server/moderation`), never its queries, routes or
 * tables; the composition root imports its route handler factories and socket registrations from here too.
 */
export { type ApplicationService, createApplicationService } from './application.service';
export { memberModerationHandlers } from './member.routes';
export { createModeration, type Moderation, startSuspensionSweep } from './moderation';
export { moderationEvents } from './moderation.events';
export { moderationHandlers } from './moderation.routes';
export { moderationSocket, STAFF_ROOM, staffRoomAccess } from './moderation.socket';
export { safeguardHandlers } from './safeguards.routes';
export {
  createPostScreening,
  createProfileScreening,
  createSafeguardService,
  type SafeguardService,
} from './safeguards.service';
export { createWatchedWordService, type WatchedWordService } from './watched-words.service';
