import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { conversationMembers, memberBlocks, messages, messagingSettings } from '@server/db/schema';
import type { WhoCanMessage } from '@shared/api/messaging';

/** Each member's choice of who may start a conversation with them (`anyone` when never set). */
export async function whoCanMessage(
  db: Executor,
  memberIds: readonly string[],
): Promise<Map<string, WhoCanMessage>> {
  const found = new Map<string, WhoCanMessage>(memberIds.map((id) => [id, 'anyone']));
  if (memberIds.length === 0) return found;
  const rows = await db
    .select()
    .from(messagingSettings)
    .where(inArray(messagingSettings.memberId, [...memberIds]));
  for (const row of rows) found.set(row.memberId, row.whoCanMessage);
  return found;
}

/** Saves a member's choice. */
export async function saveWhoCanMessage(db: Executor, memberId: string, value: WhoCanMessage): Promise<void> {
  await db
    .insert(messagingSettings)
    .values({ memberId, whoCanMessage: value })
    .onConflictDoUpdate({
      target: messagingSettings.memberId,
      set: { whoCanMessage: value, updatedAt: sql`now()` },
    });
}

/** Which of `others` have written a message in a conversation that `memberId` is in: their contacts. */
export async function whoHasMessaged(
  db: Executor,
  memberId: string,
  others: readonly string[],
): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ authorId: messages.authorId })
    .from(messages)
    .innerJoin(
      conversationMembers,
      and(
        eq(conversationMembers.conversationId, messages.conversationId),
        eq(conversationMembers.memberId, memberId),
      ),
    )
    .where(inArray(messages.authorId, [...others]));
  return new Set(rows.flatMap((r) => (r.authorId ? [r.authorId] : [])));
}

/** Which of `others` block `memberId` or are blocked by them. */
export async function blockedEitherWay(
  db: Executor,
  memberId: string,
  others: readonly string[],
): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const list = [...others];
  const rows = await db
    .select()
    .from(memberBlocks)
    .where(
      or(
        and(eq(memberBlocks.blockerId, memberId), inArray(memberBlocks.blockedId, list)),
        and(eq(memberBlocks.blockedId, memberId), inArray(memberBlocks.blockerId, list)),
      ),
    );
  return new Set(rows.map((r) => (r.blockerId === memberId ? r.blockedId : r.blockerId)));
}

/** Records a block (again is a no-op). */
export async function insertBlock(db: Executor, blockerId: string, blockedId: string): Promise<void> {
  await db.insert(memberBlocks).values({ blockerId, blockedId }).onConflictDoNothing();
}

/** Lifts a block. */
export async function deleteBlock(db: Executor, blockerId: string, blockedId: string): Promise<void> {
  await db
    .delete(memberBlocks)
    .where(and(eq(memberBlocks.blockerId, blockerId), eq(memberBlocks.blockedId, blockedId)));
}

/** Ids of the members someone blocked, latest first. */
export async function listBlockedIds(db: Executor, blockerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberBlocks.blockedId })
    .from(memberBlocks)
    .where(eq(memberBlocks.blockerId, blockerId))
    .orderBy(desc(memberBlocks.createdAt));
  return rows.map((r) => r.id);
}
