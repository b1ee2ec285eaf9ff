import { memberModerationApi, moderationApi } from '@shared/api/moderation';
import { safeguardApi } from '@shared/api/safeguards';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { MemberService } from '@server/members';
import type { Moderation } from './moderation';
import type { ApplicationService } from './application.service';
import type { SafeguardService } from './safeguards.service';
import type { WatchedWordService } from './watched-words.service';
import { memberModerationHandlers } from './member.routes';
import { moderationHandlers } from './moderation.routes';
import { safeguardHandlers } from './safeguards.routes';
import { moderationEvents } from './moderation.events';
import { moderationSocket, STAFF_ROOM, staffRoomAccess } from './moderation.socket';

/**
 * Moderation: members' flags and notices, the staff's queue, actions and log, membership approval,
 * held posts and watched words; the staff room on the socket.
 */
export function moderationModule(deps: {
  moderation: Moderation;
  applications: ApplicationService;
  safeguards: SafeguardService;
  words: WatchedWordService;
  members: MemberService;
  broadcaster: Broadcaster;
}): FeatureModule {
  const { moderation } = deps;
  return {
    name: 'moderation',
    routes: [
      apiRoutes(
        memberModerationApi,
        memberModerationHandlers({
          flags: moderation.flags,
          notices: moderation.notices,
          log: moderation.log,
        }),
      ),
      apiRoutes(
        moderationApi,
        moderationHandlers({
          queue: moderation.queue,
          actions: moderation.actions,
          log: moderation.log,
        }),
      ),
      apiRoutes(
        safeguardApi,
        safeguardHandlers({
          applications: deps.applications,
          safeguards: deps.safeguards,
          words: deps.words,
        }),
      ),
    ],
    sockets: [moderationSocket(deps.members)],
    rooms: { [STAFF_ROOM]: staffRoomAccess(deps.members) },
    events: moderationEvents(deps.broadcaster),
  };
}
