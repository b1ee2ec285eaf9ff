import { and, eq, gte, inArray, ne } from 'drizzle-orm';
import type { Executor, Tx } from '@server/db/pool';
import { conversationMembers, conversations } from '@server/db/schema';

/** Who should hear about a new message: present members other than the author who did not mute it. */
export interface MessageAudience {
  conversationId: string;
  messageId: string;
  seq: number;
  authorId: string;
  /** The group's title; null for direct conversations. */
  title: string | null;
  recipients: { memberId: string; requested: boolean }[];
}

/**
 * What other features do with a new message: inside its transaction (notifications, delayed e-mails)
 * and once it committed (live delivery).
 */
export interface MessagingHooks {
  messageCreated(tx: Tx, audience: MessageAudience): Promise<void>;
  messageCommitted(messageId: string): void;
}

/** Hooks that do nothing. */
export const NO_MESSAGING_HOOKS: MessagingHooks = {
  messageCreated: () => Promise.resolve(),
  messageCommitted: () => undefined,
};

/** The audience of a message, read inside its transaction. */
export async function messageAudience(
  tx: Executor,
  message: { conversationId: string; id: string; seq: number; authorId: string },
): Promise<MessageAudience> {
  const [conversation] = await tx
    .select({ title: conversations.title })
    .from(conversations)
    .where(eq(conversations.id, message.conversationId));
  const rows = await tx
    .select({ memberId: conversationMembers.memberId, state: conversationMembers.state })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.conversationId, message.conversationId),
        ne(conversationMembers.memberId, message.authorId),
        inArray(conversationMembers.state, ['active', 'requested']),
        eq(conversationMembers.muted, false),
      ),
    );
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    authorId: message.authorId,
    title: conversation?.title ?? null,
    recipients: rows.map((row) => ({ memberId: row.memberId, requested: row.state === 'requested' })),
  };
}

/** Whether the member has read the conversation up to `seq` (or is no longer in it). */
export async function hasReadUpTo(
  db: Executor,
  memberId: string,
  conversationId: string,
  seq: number,
): Promise<boolean> {
  const [present] = await db
    .select({ lastReadSeq: conversationMembers.lastReadSeq })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberId, memberId),
        inArray(conversationMembers.state, ['active', 'requested']),
      ),
    );
  if (!present) return true;
  const [read] = await db
    .select({ memberId: conversationMembers.memberId })
    .from(conversationMembers)
    .where(
      and(
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.memberId, memberId),
        gte(conversationMembers.lastReadSeq, seq),
      ),
    );
  return read !== undefined;
}
