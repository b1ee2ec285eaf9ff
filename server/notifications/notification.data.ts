import type { PersonalDataContributor } from '@server/privacy/export.registry';
import { eraseMailMentioning, notificationSettingsOf, notificationsOf } from './notification.data.queries';

/**
 * Notifications' part of a member's data: their notifications and preferences. On deletion, e-mails
 * to others that name them are dropped; their own notifications, settings and e-mails go with the
 * member row.
 */
export const notificationData: PersonalDataContributor = {
  key: 'notifications',
  async collect(db, memberId) {
    const [items, settings] = await Promise.all([
      notificationsOf(db, memberId),
      notificationSettingsOf(db, memberId),
    ]);
    return {
      settings,
      items: items.map((row) => ({
        ...row,
        readAt: row.readAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
      })),
    };
  },
  erase: (tx, memberId) => eraseMailMentioning(tx, memberId),
};
