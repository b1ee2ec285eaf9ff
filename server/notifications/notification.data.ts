import type { PersonalDataContributor } from '@server/privacy';
import {
  digestsOf,
  eraseMailMentioning,
  notificationSettingsOf,
  notificationsOf,
} from './notification.data.queries';

/**
 * Notifications' part of a member's data: their notifications, preferences and the digests written
 * for them. On deletion, e-mails to others that name them are dropped; their own notifications,
 * settings, digests and e-mails go with the member row.
 */
export const notificationData: PersonalDataContributor = {
  key: 'notifications',
  async collect(db, memberId) {
    const [items, settings, digests] = await Promise.all([
      notificationsOf(db, memberId),
      notificationSettingsOf(db, memberId),
      digestsOf(db, memberId),
    ]);
    return {
      settings,
      digests: digests.map((row) => ({
        ...row,
        since: row.since.toISOString(),
        until: row.until.toISOString(),
      })),
      items: items.map((row) => ({
        ...row,
        readAt: row.readAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
      })),
    };
  },
  erase: (tx, memberId) => eraseMailMentioning(tx, memberId),
};
