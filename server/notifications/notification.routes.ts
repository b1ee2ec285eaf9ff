import type { notificationApi } from '@shared/api/notifications';
import type { RouteHandlers } from '@server/http/mount';
import type { NotificationService } from './notification.service';
import type { NotificationLive } from './notification.live';

/** The member's notifications and notification preferences (`/api/v1/notifications...`). */
export function notificationHandlers(
  notifications: NotificationService,
  live: NotificationLive,
): RouteHandlers<typeof notificationApi> {
  return {
    list: ({ member, query }) => notifications.list(member.id, query),
    unread: async ({ member }) => ({ unread: await notifications.unread(member.id) }),
    readAll: async ({ member }) => {
      const unread = await notifications.markAllRead(member.id);
      live.read(member.id, unread);
      return { unread };
    },
    read: async ({ member, params }) => {
      const unread = await notifications.markRead(member.id, params.id);
      live.read(member.id, unread);
      return { unread };
    },
    preferences: ({ member }) => notifications.preferences(member.id),
    updatePreferences: ({ member, body }) => notifications.updatePreferences(member.id, body),
  };
}
