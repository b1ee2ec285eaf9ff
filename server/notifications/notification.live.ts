import type { Logger } from '@server/logger';
import type { ForumEventBus } from '@server/forum';
import type { MailService } from '@server/mail';
import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import type { NotificationService } from './notification.service';

/**
 * Live delivery, after commit: when an event's transaction committed, the notifications it wrote go to
 * each recipient's `user:<id>` room with the new badge count, and the mail worker is woken.
 */
export function notificationLive(deps: {
  notifications: NotificationService;
  broadcaster: Broadcaster;
  mail: MailService;
  logger: Logger;
}) {
  const deliver = async (sourceId: string) => {
    deps.mail.afterCommit();
    for (const item of await deps.notifications.written(sourceId)) {
      deps.broadcaster.toRoom(rooms.user(item.memberId), 'notification:created', {
        notification: item.notification,
        unread: item.unread,
      });
    }
  };
  const publish = (sourceId: string) => {
    deliver(sourceId).catch((error: unknown) =>
      deps.logger.error({ err: error, sourceId }, 'live notification failed'),
    );
  };
  return {
    publish,
    /** Subscribes to the forum's after-commit events. */
    listen(forumEvents: ForumEventBus): void {
      forumEvents.on('post.created', (event) => publish(event.postId));
    },
    /** Tells the member's other tabs the badge changed. */
    read(memberId: string, unread: number): void {
      deps.broadcaster.toRoom(rooms.user(memberId), 'notification:read', { unread });
    },
  };
}

/** Live notification delivery. */
export type NotificationLive = ReturnType<typeof notificationLive>;
