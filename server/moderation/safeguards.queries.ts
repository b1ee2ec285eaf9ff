import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { moderationItems, moderationNotices } from '@server/db/schema';
import type { QueueItemKind, QueueTarget } from '@shared/moderation';

/** Opens a queue item, unless one is already open for the same kind and target (then nothing). */
export async function openItem(
  tx: Executor,
  item: {
    kind: QueueItemKind;
    targetType: QueueTarget;
    targetId: string;
    subjectId: string | null;
    categoryId: string | null;
    snapshot: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(moderationItems).values(item).onConflictDoNothing();
}

/** The columns that close an item as resolved by a moderator. */
const resolvedBy = (resolution: 'approved' | 'rejected', moderatorId: string) => ({
  status: 'resolved' as const,
  resolution,
  resolvedById: moderatorId,
  resolvedAt: sql`now()`,
  updatedAt: sql`now()`,
});

/** Closes a queue item with what a moderator decided. */
export async function resolveItem(
  tx: Executor,
  id: string,
  resolution: 'approved' | 'rejected',
  moderatorId: string,
): Promise<void> {
  await tx.update(moderationItems).set(resolvedBy(resolution, moderatorId)).where(eq(moderationItems.id, id));
}

/** Closes every other open safeguard item about the same post (approving one settles them all). */
export async function resolveOthersOnTarget(
  tx: Executor,
  item: { id: string; targetId: string },
  resolution: 'approved' | 'rejected',
  moderatorId: string,
): Promise<void> {
  await tx
    .update(moderationItems)
    .set(resolvedBy(resolution, moderatorId))
    .where(
      and(
        eq(moderationItems.targetId, item.targetId),
        inArray(moderationItems.kind, ['new_member_post', 'watched_word']),
        inArray(moderationItems.status, ['open', 'in_progress']),
        sql`${moderationItems.id} <> ${item.id}`,
      ),
    );
}

/** The open safeguard items about a post, locked for the caller's transaction. */
export async function lockOpenReviewItems(tx: Executor, postId: string) {
  return tx
    .select({ id: moderationItems.id, snapshot: moderationItems.snapshot })
    .from(moderationItems)
    .where(
      and(
        eq(moderationItems.targetType, 'post'),
        eq(moderationItems.targetId, postId),
        inArray(moderationItems.kind, ['new_member_post', 'watched_word']),
        inArray(moderationItems.status, ['open', 'in_progress']),
      ),
    )
    .for('update');
}

/** Replaces an item's snapshot (the content it is about changed). */
export async function setItemSnapshot(tx: Executor, id: string, snapshot: Record<string, unknown>) {
  await tx
    .update(moderationItems)
    .set({ snapshot, updatedAt: sql`now()` })
    .where(eq(moderationItems.id, id));
}

/** Open safeguard items about posts, newest first, optionally of one thread or some categories. */
export async function listHeldPosts(
  db: Executor,
  input: { threadId?: string; categoryIds: readonly string[] | null; limit: number },
) {
  const filters = [
    inArray(moderationItems.kind, ['new_member_post', 'watched_word']),
    eq(moderationItems.targetType, 'post'),
    inArray(moderationItems.status, ['open', 'in_progress']),
  ];
  if (input.threadId) filters.push(sql`${moderationItems.snapshot}->>'threadId' = ${input.threadId}`);
  if (input.categoryIds) {
    if (!input.categoryIds.length) return [];
    filters.push(inArray(moderationItems.categoryId, [...input.categoryIds]));
  }
  return db
    .select()
    .from(moderationItems)
    .where(and(...filters))
    .orderBy(desc(moderationItems.createdAt))
    .limit(input.limit);
}

/** Records what a member is told about a removal, returning the notice's id. */
export async function insertNotice(
  tx: Executor,
  notice: {
    memberId: string;
    reason: string;
    targetType: QueueTarget;
    targetId: string;
    itemId: string;
  },
): Promise<string> {
  const [row] = await tx
    .insert(moderationNotices)
    .values({ ...notice, kind: 'removal' })
    .returning({ id: moderationNotices.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}
