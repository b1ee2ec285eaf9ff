import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { digestDeliveries, members, notifications, notificationSettings } from '@server/db/schema';
import type { NotificationKind } from '@shared/api/notifications';

/** The time zones members chose (members without settings have the default one). */
export async function timeZonesInUse(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ timeZone: notificationSettings.timeZone })
    .from(notificationSettings);
  return rows.map((row) => row.timeZone);
}

/** A member whose digest for the period is due and not yet claimed. */
export interface DueMember {
  memberId: string;
  frequency: 'daily' | 'weekly';
  kinds: Record<string, string>;
}

/**
 * Active members in `timeZone` (members without settings count in the default zone) whose digest
 * frequency is one of `frequencies` and who have no digest row for `period`, by id after `afterId`.
 */
export async function dueMembers(
  db: Executor,
  input: {
    timeZone: string;
    isDefaultZone: boolean;
    frequencies: ('daily' | 'weekly')[];
    period: string;
    afterId: string | null;
    limit: number;
  },
): Promise<DueMember[]> {
  const zone = input.isDefaultZone
    ? sql`coalesce(${notificationSettings.timeZone}, ${input.timeZone}) = ${input.timeZone}`
    : eq(notificationSettings.timeZone, input.timeZone);
  const rows = await db
    .select({
      memberId: members.id,
      frequency: sql<'daily' | 'weekly'>`coalesce(${notificationSettings.digest}, 'daily')`,
      kinds: sql<Record<string, string>>`coalesce(${notificationSettings.kinds}, '{}'::jsonb)`,
    })
    .from(members)
    .leftJoin(notificationSettings, eq(notificationSettings.memberId, members.id))
    .where(
      and(
        eq(members.status, 'active'),
        zone,
        inArray(sql`coalesce(${notificationSettings.digest}, 'daily')`, input.frequencies),
        sql`not exists (select 1 from ${digestDeliveries} d where d.member_id = ${members.id} and d.period = ${input.period}::date)`,
        input.afterId ? gt(members.id, input.afterId) : undefined,
      ),
    )
    .orderBy(members.id)
    .limit(input.limit);
  return rows;
}

/**
 * Claims the member's digest for a period inside the caller's transaction: true for the one caller whose
 * row went in. A second scheduler waits on the key until the first commits, then gets false.
 */
export async function claimPeriod(
  tx: Executor,
  row: { memberId: string; period: string; frequency: 'daily' | 'weekly'; since: Date; until: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(digestDeliveries)
    .values({ ...row, itemCount: 0 })
    .onConflictDoNothing()
    .returning({ memberId: digestDeliveries.memberId });
  return inserted.length > 0;
}

/** Records what the claimed digest held and the e-mail it became (none when empty). */
export async function finishPeriod(
  tx: Executor,
  row: { memberId: string; period: string; itemCount: number; outboxId: string | null },
): Promise<void> {
  await tx
    .update(digestDeliveries)
    .set({ itemCount: row.itemCount, outboxId: row.outboxId })
    .where(and(eq(digestDeliveries.memberId, row.memberId), eq(digestDeliveries.period, row.period)));
}

/** Where the member's previous digest stopped, if they had one. */
export async function lastDigestUntil(tx: Executor, memberId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ until: digestDeliveries.until })
    .from(digestDeliveries)
    .where(eq(digestDeliveries.memberId, memberId))
    .orderBy(desc(digestDeliveries.until))
    .limit(1);
  return row?.until ?? null;
}

/** A notification waiting for the digest. */
export interface DigestNotificationRow {
  kind: NotificationKind;
  title: string;
  link: string;
  count: number;
  sourceId: string;
  actorName: string | null;
}

/** The member's unread notifications of these kinds last touched in (since, until], newest first. */
export function digestNotifications(
  tx: Executor,
  input: { memberId: string; kinds: NotificationKind[]; since: Date; until: Date; limit: number },
): Promise<DigestNotificationRow[]> {
  if (!input.kinds.length) return Promise.resolve([]);
  return tx
    .select({
      kind: notifications.kind,
      title: notifications.title,
      link: notifications.link,
      count: notifications.count,
      sourceId: notifications.sourceId,
      actorName: members.displayName,
    })
    .from(notifications)
    .leftJoin(members, eq(members.id, notifications.actorId))
    .where(
      and(
        eq(notifications.memberId, input.memberId),
        inArray(notifications.kind, input.kinds),
        isNull(notifications.readAt),
        gt(notifications.updatedAt, input.since),
        lte(notifications.updatedAt, input.until),
      ),
    )
    .orderBy(desc(notifications.updatedAt))
    .limit(input.limit);
}
