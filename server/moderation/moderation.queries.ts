import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import {
  appeals,
  flags,
  members,
  moderationItems,
  moderationNotes,
  moderationNotices,
} from '@server/db/schema';
import type {
  FlagReason,
  FlagTarget,
  NoticeKind,
  QueueItemKind,
  QueueStatus,
  QueueTarget,
} from '@shared/moderation';

/** A queue item row. */
export type ItemRow = typeof moderationItems.$inferSelect;
/** A flag row. */
export type FlagRow = typeof flags.$inferSelect;
/** A notice row. */
export type NoticeRow = typeof moderationNotices.$inferSelect;
/** An appeal row. */
export type AppealRow = typeof appeals.$inferSelect;

/** The open (or in-progress) item of a kind on a target, locked for the caller's transaction. */
export async function lockOpenItem(
  tx: Executor,
  kind: QueueItemKind,
  targetType: QueueTarget,
  targetId: string,
) {
  const [row] = await tx
    .select()
    .from(moderationItems)
    .where(
      and(
        eq(moderationItems.kind, kind),
        eq(moderationItems.targetType, targetType),
        eq(moderationItems.targetId, targetId),
        inArray(moderationItems.status, ['open', 'in_progress']),
      ),
    )
    .for('update');
  return row;
}

/** Opens a queue item; `undefined` when another transaction opened the same one first. */
export async function insertItem(tx: Executor, values: typeof moderationItems.$inferInsert) {
  const [row] = await tx.insert(moderationItems).values(values).onConflictDoNothing().returning();
  return row;
}

/** Changes an item. */
export async function updateItem(
  tx: Executor,
  id: string,
  changes: Partial<
    Pick<ItemRow, 'status' | 'assigneeId' | 'resolution' | 'resolvedById' | 'resolvedAt' | 'flagCount'>
  >,
) {
  const [row] = await tx
    .update(moderationItems)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(moderationItems.id, id))
    .returning();
  return row;
}

/** Moves the items about these threads and posts (open or closed) to the category their content is in now. */
export async function recategorizeItems(
  tx: Executor,
  content: { threadIds: string[]; postIds: string[]; categoryId: string },
): Promise<void> {
  const about = (type: 'thread' | 'post', ids: string[]) =>
    ids.length
      ? and(eq(moderationItems.targetType, type), inArray(moderationItems.targetId, ids))
      : undefined;
  const targets = [about('thread', content.threadIds), about('post', content.postIds)].filter(
    (condition): condition is SQL => condition !== undefined,
  );
  if (!targets.length) return;
  await tx
    .update(moderationItems)
    .set({ categoryId: content.categoryId })
    .where(or(...targets));
}

/** Adds one to an item's flag count. */
export async function bumpFlagCount(tx: Executor, id: string): Promise<number> {
  const [row] = await tx
    .update(moderationItems)
    .set({ flagCount: sql`${moderationItems.flagCount} + 1`, updatedAt: sql`now()` })
    .where(eq(moderationItems.id, id))
    .returning({ flagCount: moderationItems.flagCount });
  return row?.flagCount ?? 0;
}

/** One item. */
export async function findItem(db: Executor, id: string, lock = false) {
  const query = db.select().from(moderationItems).where(eq(moderationItems.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** A queue page, newest first, within the moderator's scope. */
export async function listItems(
  db: Executor,
  filter: {
    statuses: QueueStatus[];
    kind?: QueueItemKind;
    targetType?: QueueTarget;
    assignee?: { id: string } | 'unassigned';
    scopes: readonly string[] | null;
    after?: { createdAt: Date; id: string };
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [inArray(moderationItems.status, filter.statuses)];
  if (filter.kind) where.push(eq(moderationItems.kind, filter.kind));
  if (filter.targetType) where.push(eq(moderationItems.targetType, filter.targetType));
  if (filter.assignee === 'unassigned') where.push(isNull(moderationItems.assigneeId));
  else if (filter.assignee) where.push(eq(moderationItems.assigneeId, filter.assignee.id));
  if (filter.scopes) {
    where.push(filter.scopes.length ? inArray(moderationItems.categoryId, [...filter.scopes]) : sql`false`);
  }
  if (filter.after) {
    where.push(
      or(
        lt(moderationItems.createdAt, filter.after.createdAt),
        and(eq(moderationItems.createdAt, filter.after.createdAt), lt(moderationItems.id, filter.after.id)),
      ),
    );
  }
  return db
    .select()
    .from(moderationItems)
    .where(and(...where))
    .orderBy(desc(moderationItems.createdAt), desc(moderationItems.id))
    .limit(filter.limit);
}

/** Inserts a flag; `undefined` when the member already has an open flag on the target. */
export async function insertFlag(
  tx: Executor,
  values: {
    itemId: string;
    reporterId: string;
    targetType: FlagTarget;
    targetId: string;
    reason: FlagReason;
    note: string | null;
  },
) {
  const [row] = await tx.insert(flags).values(values).onConflictDoNothing().returning();
  return row;
}

/** Whether a member has an open flag on a target. */
export async function hasOpenFlag(
  db: Executor,
  reporterId: string,
  targetType: FlagTarget,
  targetId: string,
) {
  const [row] = await db
    .select({ id: flags.id })
    .from(flags)
    .where(
      and(
        eq(flags.reporterId, reporterId),
        eq(flags.targetType, targetType),
        eq(flags.targetId, targetId),
        isNull(flags.closedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Distinct members with an open flag on a target. */
export async function countOpenReporters(
  tx: Executor,
  targetType: FlagTarget,
  targetId: string,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${flags.reporterId})::int` })
    .from(flags)
    .where(and(eq(flags.targetType, targetType), eq(flags.targetId, targetId), isNull(flags.closedAt)));
  return row?.n ?? 0;
}

/** The flags of items, with reporters. */
export async function flagsOfItems(db: Executor, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .select({
      id: flags.id,
      itemId: flags.itemId,
      reason: flags.reason,
      note: flags.note,
      createdAt: flags.createdAt,
      reporterId: flags.reporterId,
      reporterHandle: members.handle,
      reporterName: members.displayName,
      reporterLocale: members.locale,
      closedAt: flags.closedAt,
    })
    .from(flags)
    .leftJoin(members, eq(members.id, flags.reporterId))
    .where(inArray(flags.itemId, itemIds))
    .orderBy(asc(flags.createdAt));
}

/** Closes an item's open flags (its reporters may flag the target again later). */
export async function closeFlags(tx: Executor, itemId: string): Promise<void> {
  await tx
    .update(flags)
    .set({ closedAt: sql`now()` })
    .where(and(eq(flags.itemId, itemId), isNull(flags.closedAt)));
}

/** Adds an internal note. */
export async function insertNote(tx: Executor, values: { itemId: string; authorId: string; body: string }) {
  const [row] = await tx.insert(moderationNotes).values(values).returning();
  return row;
}

/** An item's internal notes, oldest first, with authors. */
export async function notesOf(db: Executor, itemId: string) {
  return db
    .select({
      id: moderationNotes.id,
      body: moderationNotes.body,
      createdAt: moderationNotes.createdAt,
      authorId: moderationNotes.authorId,
      authorHandle: members.handle,
      authorName: members.displayName,
    })
    .from(moderationNotes)
    .leftJoin(members, eq(members.id, moderationNotes.authorId))
    .where(eq(moderationNotes.itemId, itemId))
    .orderBy(asc(moderationNotes.createdAt));
}

/** What a notice to a member says and what it is about. */
export interface NewNotice {
  memberId: string;
  kind: NoticeKind;
  reason: string;
  targetType: QueueTarget;
  targetId: string;
  itemId: string | null;
  endsAt: Date | null;
}

/** Writes a notice to a member. */
export async function insertNotice(tx: Executor, values: NewNotice): Promise<NoticeRow> {
  const [row] = await tx.insert(moderationNotices).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A member's notices, newest first, with their appeals. */
export async function noticesOf(db: Executor, memberId: string, limit: number) {
  return db
    .select({ notice: moderationNotices, appeal: appeals })
    .from(moderationNotices)
    .leftJoin(appeals, eq(appeals.noticeId, moderationNotices.id))
    .where(eq(moderationNotices.memberId, memberId))
    .orderBy(desc(moderationNotices.createdAt), desc(moderationNotices.id))
    .limit(limit);
}

/** One notice. */
export async function findNotice(db: Executor, id: string) {
  const [row] = await db.select().from(moderationNotices).where(eq(moderationNotices.id, id)).limit(1);
  return row;
}

/** Files an appeal; `undefined` when the notice already has one. */
export async function insertAppeal(
  tx: Executor,
  values: { noticeId: string; memberId: string; body: string; itemId: string },
) {
  const [row] = await tx.insert(appeals).values(values).onConflictDoNothing().returning();
  return row;
}

/** The appeal behind an appeal item. */
export async function appealOfItem(db: Executor, itemId: string) {
  const [row] = await db
    .select({ appeal: appeals, notice: moderationNotices })
    .from(appeals)
    .innerJoin(moderationNotices, eq(moderationNotices.id, appeals.noticeId))
    .where(eq(appeals.itemId, itemId))
    .limit(1);
  return row;
}

/** Records an appeal's outcome. */
export async function decideAppeal(tx: Executor, id: string, outcome: 'upheld' | 'overturned') {
  await tx
    .update(appeals)
    .set({ outcome, decidedAt: sql`now()` })
    .where(and(eq(appeals.id, id), isNull(appeals.outcome)));
}

/** Staff members (moderators and admins) to assign items to. */
export async function listStaff(db: Executor) {
  return db
    .select({ id: members.id, handle: members.handle, displayName: members.displayName })
    .from(members)
    .where(inArray(members.role, ['moderator', 'admin']))
    .orderBy(asc(members.displayName))
    .limit(200);
}

/** Names of members by id. */
export async function peopleByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: members.id, handle: members.handle, displayName: members.displayName })
    .from(members)
    .where(inArray(members.id, ids));
}
