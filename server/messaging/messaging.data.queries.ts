import { and, asc, eq, like, or, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import {
  conversationMembers,
  conversations,
  memberBlocks,
  messages,
  messagingSettings,
} from '@server/db/schema';

/** The messages a member sent, by conversation and seq. */
export function messagesSentBy(db: Executor, memberId: string) {
  return db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      seq: messages.seq,
      body: messages.bodySource,
      createdAt: messages.createdAt,
      editedAt: messages.editedAt,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .where(eq(messages.authorId, memberId))
    .orderBy(asc(messages.conversationId), asc(messages.seq));
}

/** The conversations a member is (or was) in, with their own membership state. */
export function conversationsOf(db: Executor, memberId: string) {
  return db
    .select({
      id: conversations.id,
      kind: conversations.kind,
      title: conversations.title,
      startedByMe: sql<boolean>`${conversations.createdBy} is not distinct from ${memberId}`,
      createdAt: conversations.createdAt,
      state: conversationMembers.state,
      joinedAt: conversationMembers.joinedAt,
      joinedSeq: conversationMembers.joinedSeq,
      lastReadSeq: conversationMembers.lastReadSeq,
      muted: conversationMembers.muted,
    })
    .from(conversationMembers)
    .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
    .where(eq(conversationMembers.memberId, memberId))
    .orderBy(asc(conversations.createdAt));
}

/** The ids of the members a member blocked, with when. */
export function blocksBy(db: Executor, memberId: string) {
  return db
    .select({ blockedId: memberBlocks.blockedId, createdAt: memberBlocks.createdAt })
    .from(memberBlocks)
    .where(eq(memberBlocks.blockerId, memberId))
    .orderBy(asc(memberBlocks.createdAt));
}

/** The member's "who may message me" row, if they saved one. */
export async function settingsOf(db: Executor, memberId: string) {
  const [row] = await db.select().from(messagingSettings).where(eq(messagingSettings.memberId, memberId));
  return row;
}

/**
 * Erases the messages a member sent: body gone and marked deleted, the row kept so the others'
 * conversation keeps its seq order (the author is cleared when the member row goes).
 */
export async function eraseMessagesOf(tx: Executor, memberId: string): Promise<void> {
  await tx
    .update(messages)
    .set({
      bodySource: '',
      bodyHtml: '',
      clientId: sql`${messages.id}::text`,
      deletedAt: sql`coalesce(${messages.deletedAt}, now())`,
    })
    .where(eq(messages.authorId, memberId));
}

/**
 * Direct conversations keep the pair's ids in `pair_key`; the erased member's id is replaced by the
 * conversation's own, so the row stays unique and no longer names them.
 */
export async function detachDirectConversations(tx: Executor, memberId: string): Promise<void> {
  await tx
    .update(conversations)
    .set({ pairKey: sql`'former:' || ${conversations.id}::text` })
    .where(
      and(
        eq(conversations.kind, 'direct'),
        or(like(conversations.pairKey, `${memberId}:%`), like(conversations.pairKey, `%:${memberId}`)),
      ),
    );
}
