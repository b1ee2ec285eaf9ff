import type { Database, Executor } from '@server/db/pool';
import { notFound } from '@server/errors';
import type { MemberRow } from '@server/members';
import { markMessageDeleted } from './message.queries';
import { findMessageSeenBy, messageState } from './message-flag.queries';

/**
 * What moderation may know of and do to messages: a copy of the one message a member flags (only if they
 * belong to its conversation), whether it still exists, and its removal. Moderators never read a
 * conversation.
 */
export function createMessageModeration(db: Database) {
  return {
    /** The message a member flags, or 404 when they are not in its conversation. */
    async flaggable(member: MemberRow, messageId: string) {
      const row = await findMessageSeenBy(db, messageId, member.id);
      if (!row || row.deletedAt) throw notFound();
      return row;
    },
    /** Whether the message exists and is deleted. */
    async state(messageId: string) {
      const row = await messageState(db, messageId);
      return { exists: row !== undefined, deleted: row?.deletedAt != null };
    },
    /** Deletes a message (its body is dropped; its place in the conversation stays). */
    async remove(tx: Executor, messageId: string): Promise<boolean> {
      return (await markMessageDeleted(tx, messageId)) !== undefined;
    },
  };
}

/** Moderation's access to messages. */
export type MessageModeration = ReturnType<typeof createMessageModeration>;
