import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { digestDeliveries, notifications, notificationSettings } from '@server/db/schema';

/** A member's own notifications, newest first. */
export function notificationsOf(db: Executor, memberId: string) {
  return db
    .select({
      kind: notifications.kind,
      title: notifications.title,
      link: notifications.link,
      count: notifications.count,
      readAt: notifications.readAt,
      updatedAt: notifications.updatedAt,
    })
    .from(notifications)
    .where(eq(notifications.memberId, memberId))
    .orderBy(sql`${notifications.updatedAt} desc`);
}

/** A member's notification preferences, if they changed any. */
export async function notificationSettingsOf(db: Executor, memberId: string) {
  const [row] = await db
    .select({
      kinds: notificationSettings.kinds,
      digest: notificationSettings.digest,
      timeZone: notificationSettings.timeZone,
    })
    .from(notificationSettings)
    .where(eq(notificationSettings.memberId, memberId));
  return row ?? null;
}

/** The digests written for a member: period, what they covered and how many lines they held. */
export function digestsOf(db: Executor, memberId: string) {
  return db
    .select({
      period: digestDeliveries.period,
      frequency: digestDeliveries.frequency,
      since: digestDeliveries.since,
      until: digestDeliveries.until,
      itemCount: digestDeliveries.itemCount,
    })
    .from(digestDeliveries)
    .where(eq(digestDeliveries.memberId, memberId))
    .orderBy(sql`${digestDeliveries.period} desc`);
}
