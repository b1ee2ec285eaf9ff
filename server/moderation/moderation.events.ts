import type { EventListeners } from '@server/events';
import type { Broadcaster } from '@server/realtime/broadcast';

/** The room of every signed-in moderator and admin socket: the dashboard's live updates. */
export const STAFF_ROOM = 'staff';

/**
 * What moderation tells sockets once an action committed: staff dashboards hear which item changed
 * (only its id: pages refetch it). A suspended member's sockets are closed by the accounts feature
 * (`member.access.revoked`).
 */
export function moderationEvents(broadcaster: Broadcaster): EventListeners {
  return {
    afterCommit: {
      'moderation.item.changed': (event) =>
        broadcaster.toRoom(STAFF_ROOM, 'moderation:queue', { itemId: event.itemId }),
    },
  };
}
