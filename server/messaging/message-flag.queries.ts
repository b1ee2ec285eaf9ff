import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { conversationMembers, messages } from '@server/db/schema';
import { PRESENT_STATES } from './conversation.queries';

/**
 * One message, only when `memberId` belongs to its conversation: what a member may flag. Nothing else of
 * the conversation is read.
 */
export async function findMessageSeenBy(db: Executor, messageId: string, memberId: string) {
  const [row] = await db
    .select({
      id: messages.id,
      authorId: messages.authorId,
      bodySource: messages.bodySource,
      bodyHtml: messages.bodyHtml,
      createdAt: messages.createdAt,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .innerJoin(
      conversationMembers,
      and(
        eq(conversationMembers.conversationId, messages.conversationId),
        eq(conversationMembers.memberId, memberId),
        inArray(conversationMembers.state, [...PRESENT_STATES]),
      ),
    )
    .where(eq(messages.id, messageId))
    .limit(1);
  return row;
}

/** Whether a message still exists undeleted (for the queue's current state). */
export async function messageState(db: Executor, messageId: string) {
  const [row] = await db
    .select({ deletedAt: messages.deletedAt })
    .from(messages)
    .where(eq(messages.id, messageId))
    .limit(1);
  return row;
}
