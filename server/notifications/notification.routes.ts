import type { notificationApi } from '@shared/api/notifications';
import type { RouteHandlers } from '@server/http/mount';
import type { NotificationService } from './notification.service';

/** The member's notifications and notification preferences (`/api/v1/notifications...`). */
export function notificationHandlers(
  notifications: NotificationService,
): RouteHandlers<typeof notificationApi> {
  return {
    list: ({ member, query }) => notifications.list(member.id, query),
    unread: async ({ member }) => ({ unread: await notifications.unread(member.id) }),
    readAll: async ({ member }) => ({ unread: await notifications.markAllRead(member.id) }),
    read: async ({ member, params }) => ({ unread: await notifications.markRead(member.id, params.id) }),
    preferences: ({ member }) => notifications.preferences(member.id),
    updatePreferences: ({ member, body }) => notifications.updatePreferences(member.id, body),
  };
}
