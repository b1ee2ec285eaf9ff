import type { EventListeners } from '@server/events';
import type { Logger } from '@server/logger';
import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import type { NotificationService } from './notification.service';

/**
 * Live delivery, after commit: when an event's transaction committed, the notifications it wrote go to
 * each recipient's `user:<id>` room with the new badge count.
 */
export function notificationLive(deps: {
  notifications: NotificationService;
  broadcaster: Broadcaster;
  logger: Logger;
}) {
  const deliver = async (sourceId: string) => {
    for (const item of await deps.notifications.written(sourceId)) {
      deps.broadcaster.toRoom(rooms.user(item.memberId), 'notification:created', {
        notification: item.notification,
        unread: item.unread,
      });
    }
  };
  return {
    /** Delivers what was written with `sourceId`; in the background (a failure is logged). */
    publish(sourceId: string): void {
      deliver(sourceId).catch((error: unknown) =>
        deps.logger.error({ err: error, sourceId }, 'live notification failed'),
      );
    },
    /** Tells the member's other tabs the badge changed. */
    read(memberId: string, unread: number): void {
      deps.broadcaster.toRoom(rooms.user(memberId), 'notification:read', { unread });
    },
  };
}

/** Live notification delivery. */
export type NotificationLive = ReturnType<typeof notificationLive>;

/**
 * The notifications feature's listeners: the notifications a post, an accepted answer or a message
 * causes are written inside its transaction (they commit with it, e-mails included); once committed,
 * what was written is delivered live and read marks reach the member's other tabs.
 */
export function notificationEvents(
  notifications: NotificationService,
  live: NotificationLive,
): EventListeners {
  const { listeners } = notifications;
  return {
    inTransaction: {
      'post.created': async (event, tx) => {
        if (event.audience) await listeners.postCreated(tx, event.audience);
      },
      'answer.accepted': (event, tx) => listeners.answerAccepted(tx, event),
      'message.created': (event, tx) => listeners.messageCreated(tx, event.audience),
    },
    afterCommit: {
      'notifications.written': (event) => live.publish(event.sourceId),
      'notifications.read': (event) => live.read(event.memberId, event.unread),
    },
  };
}
