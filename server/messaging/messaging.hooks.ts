import type { Executor, Tx } from '@server/db/pool';
import { conversationTitle, recipientsOf } from './conversation.queries';

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
  const title = await conversationTitle(tx, message.conversationId);
  const recipients = await recipientsOf(tx, message.conversationId, message.authorId);
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    authorId: message.authorId,
    title,
    recipients,
  };
}
