import type { MessageDto } from '@shared/api/messaging';
import type { MemberRow } from '@server/members';
import type { MessageRow } from './message.queries';

/** The author fields a message shows. */
export type AuthorSummary = Pick<MemberRow, 'id' | 'handle' | 'displayName'>;

/** A message row as members see it; a deleted one keeps its place without its body. */
export function presentMessage(row: MessageRow, author: AuthorSummary | undefined): MessageDto {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    // No author row: the author deleted their account (the message was erased with it).
    author: author ? { id: author.id, handle: author.handle, displayName: author.displayName } : null,
    body: deleted ? null : row.bodySource,
    html: deleted ? null : row.bodyHtml,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt ? row.editedAt.toISOString() : null,
    deleted,
  };
}
