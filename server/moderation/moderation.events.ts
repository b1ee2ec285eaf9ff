import type { Broadcaster } from '@server/realtime/broadcast';
import type { NotificationLive } from '@server/notifications/notification.live';
import type { Effects } from './moderation.context';

/** The room of every signed-in moderator and admin socket: the dashboard's live updates. */
export const STAFF_ROOM = 'staff';

/**
 * Applies what a committed moderation action requires: a suspended member's sockets are disconnected
 * at once (their next handshake finds them suspended), notifications are delivered live, and staff
 * dashboards hear which item changed.
 */
export function moderationEvents(broadcaster: Broadcaster, live: NotificationLive) {
  return (effects: Effects): void => {
    for (const memberId of effects.disconnect) broadcaster.disconnectMember(memberId);
    for (const sourceId of new Set(effects.notify)) live.publish(sourceId);
    for (const itemId of new Set(effects.queue))
      broadcaster.toRoom(STAFF_ROOM, 'moderation:queue', { itemId });
  };
}

/** Applies a moderation action's after-commit effects. */
export type ApplyEffects = ReturnType<typeof moderationEvents>;
