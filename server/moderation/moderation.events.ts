import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import type { NotificationLive } from '@server/notifications';
import type { Effects } from './moderation.context';

/** The room of every signed-in moderator and admin socket: the dashboard's live updates. */
export const STAFF_ROOM = 'staff';

/**
 * Applies what a committed moderation action requires: a suspended member's sockets are disconnected
 * at once (their next handshake finds them suspended), notifications are delivered live, staff
 * dashboards hear which item changed, and watchers who may no longer read a hidden or deleted thread
 * leave its room before anything more is said there.
 */
export function moderationEvents(broadcaster: Broadcaster, live: NotificationLive) {
  return async (effects: Effects): Promise<void> => {
    for (const memberId of effects.disconnect) broadcaster.disconnectMember(memberId);
    for (const sourceId of new Set(effects.notify)) live.publish(sourceId);
    for (const itemId of new Set(effects.queue))
      broadcaster.toRoom(STAFF_ROOM, 'moderation:queue', { itemId });
    await Promise.all(
      [...new Set(effects.threads)].map((id) => broadcaster.revalidateRoom(rooms.thread(id))),
    );
  };
}

/** Applies a moderation action's after-commit effects. */
export type ApplyEffects = ReturnType<typeof moderationEvents>;
