import { eq, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@server/db/pool';
import {
  digestDeliveries,
  mailOutbox,
  members,
  notifications,
  notificationSettings,
} from '@server/db/schema';

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

/**
 * Drops the e-mails to other members that name this member (an actor's name in "X replied to you"),
 * sent or not: once the account is gone, nothing may still carry who they were. E-mails addressed to
 * the member go with the member row.
 */
export async function eraseMailMentioning(tx: Tx, memberId: string): Promise<void> {
  const [member] = await tx
    .select({ displayName: members.displayName, handle: members.handle, email: members.email })
    .from(members)
    .where(eq(members.id, memberId));
  if (!member) return;
  const text = sql`${mailOutbox.data}::text`;
  // Very short names would match unrelated e-mails; ids, handles and addresses never do.
  const needles = [
    memberId,
    member.handle,
    member.email,
    ...(member.displayName.length >= 4 ? [member.displayName] : []),
  ];
  await tx.delete(mailOutbox).where(or(...needles.map((needle) => sql`strpos(${text}, ${needle}) > 0`)));
}
