import type { Executor } from '@server/db/pool';
import type { MessageAudience } from '@shared/domain-events';
import { conversationTitle, recipientsOf } from './conversation.queries';

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
