import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, notifications, notificationSettings } from '@server/db/schema';
import type { DigestFrequency, NotificationKind } from '@shared/api/notifications';

/** A stored notification with its actor's public names. */
export type NotificationRow = typeof notifications.$inferSelect & {
  actorHandle: string | null;
  actorName: string | null;
};
/** A member's notification settings row. */
export type SettingsRow = typeof notificationSettings.$inferSelect;

/** One event for one member, as the service writes it. */
export interface NewNotification {
  memberId: string;
  kind: NotificationKind;
  groupKey: string;
  actorId: string | null;
  title: string;
  link: string;
  sourceId: string;
}

/**
 * Adds a notification, or folds it into the member's unread one with the same group key (several
 * replies in one thread become one line with a count).
 */
export async function upsertNotification(tx: Executor, row: NewNotification): Promise<void> {
  await tx
    .insert(notifications)
    .values(row)
    .onConflictDoUpdate({
      target: [notifications.memberId, notifications.groupKey],
      targetWhere: sql`${notifications.readAt} is null`,
      set: {
        count: sql`${notifications.count} + 1`,
        actorId: sql`excluded.actor_id`,
        link: sql`excluded.link`,
        title: sql`excluded.title`,
        sourceId: sql`excluded.source_id`,
        updatedAt: sql`now()`,
      },
    });
}

const selectRows = (db: Executor) =>
  db
    .select({
      id: notifications.id,
      memberId: notifications.memberId,
      kind: notifications.kind,
      groupKey: notifications.groupKey,
      actorId: notifications.actorId,
      title: notifications.title,
      link: notifications.link,
      count: notifications.count,
      sourceId: notifications.sourceId,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      updatedAt: notifications.updatedAt,
      actorHandle: members.handle,
      actorName: members.displayName,
    })
    .from(notifications)
    .leftJoin(members, eq(members.id, notifications.actorId));

/** The rows an event (post or message) wrote or updated. */
export function findBySource(db: Executor, sourceId: string): Promise<NotificationRow[]> {
  return selectRows(db).where(eq(notifications.sourceId, sourceId));
}

/** A page of a member's notifications, newest activity first, after the keyset cursor. */
export function listNotifications(
  db: Executor,
  memberId: string,
  after: { updatedAt: Date; id: string } | null,
  limit: number,
): Promise<NotificationRow[]> {
  const cursor = after
    ? or(
        lt(notifications.updatedAt, after.updatedAt),
        and(eq(notifications.updatedAt, after.updatedAt), lt(notifications.id, after.id)),
      )
    : undefined;
  return selectRows(db)
    .where(and(eq(notifications.memberId, memberId), cursor))
    .orderBy(desc(notifications.updatedAt), desc(notifications.id))
    .limit(limit);
}

/** How many unread notifications the member has. */
export async function countUnread(db: Executor, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the member's notifications read; false when it is not theirs. */
export async function markOneRead(db: Executor, memberId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.memberId, memberId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Marks all of the member's notifications read. */
export async function markAllRead(db: Executor, memberId: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
}

/** Settings rows of these members (absent → defaults). */
export function findSettings(db: Executor, memberIds: string[]): Promise<SettingsRow[]> {
  if (!memberIds.length) return Promise.resolve([]);
  return db.select().from(notificationSettings).where(inArray(notificationSettings.memberId, memberIds));
}

/**
 * Creates or updates a member's settings with the fields given. With none there is nothing to write (the
 * member's settings, or the defaults, stay as they are).
 */
export async function saveSettings(
  db: Executor,
  memberId: string,
  changes: { kinds?: Record<string, string>; digest?: DigestFrequency; timeZone?: string },
): Promise<void> {
  const set = {
    ...(changes.kinds && {
      kinds: sql`${notificationSettings.kinds} || ${JSON.stringify(changes.kinds)}::jsonb`,
    }),
    ...(changes.digest && { digest: changes.digest }),
    ...(changes.timeZone && { timeZone: changes.timeZone }),
  };
  if (Object.keys(set).length === 0) return;
  await db
    .insert(notificationSettings)
    .values({ memberId, ...changes })
    .onConflictDoUpdate({ target: notificationSettings.memberId, set });
}
