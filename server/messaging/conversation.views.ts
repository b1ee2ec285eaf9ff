import type { Executor } from '@server/db/pool';
import type { ConversationDto } from '@shared/api/messaging';
import type { MemberService } from '@server/members';
import { listMemberships, type ConversationRow, type MembershipRow } from './conversation.queries';
import { lastMessages } from './message.queries';
import { blockedEitherWay } from './privacy.queries';
import { presentConversation } from './conversation.presenter';
import { presentMessage, type AuthorSummary } from './message.presenter';

/** Names and handles of members, by id, through the members service. */
export async function peopleById(
  members: MemberService,
  ids: Iterable<string | null>,
  executor?: Executor,
): Promise<Map<string, AuthorSummary>> {
  const known = [...new Set(ids)].filter((id): id is string => id !== null);
  const rows = await members.findManyByIds(known, executor);
  return new Map(rows.map((m) => [m.id, { id: m.id, handle: m.handle, displayName: m.displayName }]));
}

/**
 * Presents conversations to the member `callerId` in four queries whatever their number: memberships,
 * last messages, people, blocks.
 */
export async function buildConversationViews(
  db: Executor,
  members: MemberService,
  callerId: string,
  rows: { conversation: ConversationRow; membership: MembershipRow }[],
): Promise<ConversationDto[]> {
  const ids = rows.map((r) => r.conversation.id);
  const [memberships, last] = await Promise.all([listMemberships(db, ids), lastMessages(db, ids)]);
  const byConversation = new Map<string, MembershipRow[]>();
  for (const m of memberships)
    byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
  const people = await peopleById(members, [
    ...memberships.map((m) => m.memberId),
    ...last.map((m) => m.authorId),
  ]);
  const directOthers = new Map<string, MembershipRow>();
  for (const { conversation } of rows) {
    if (conversation.kind !== 'direct') continue;
    const other = byConversation.get(conversation.id)?.find((m) => m.memberId !== callerId);
    if (other) directOthers.set(conversation.id, other);
  }
  const blocked = await blockedEitherWay(
    db,
    callerId,
    [...directOthers.values()].map((m) => m.memberId),
  );
  const lastById = new Map(last.map((m) => [m.conversationId, m]));
  return rows.map(({ conversation, membership }) => {
    const other = directOthers.get(conversation.id);
    const last = lastById.get(conversation.id);
    // The preview is a message like any other: not one from before the caller joined.
    const message = last && last.seq > membership.joinedSeq ? last : undefined;
    return presentConversation({
      conversation,
      membership,
      memberships: byConversation.get(conversation.id) ?? [],
      people,
      lastMessage: message ? presentMessage(message, authorOf(people, message.authorId)) : null,
      // A direct conversation whose other member deleted their account takes no more messages.
      sendable:
        conversation.kind === 'direct'
          ? !!other && other.state !== 'declined' && !blocked.has(other.memberId)
          : true,
    });
  });
}

/** The author of a message among `people`; undefined for a former member. */
export function authorOf(people: Map<string, AuthorSummary>, id: string | null): AuthorSummary | undefined {
  return id === null ? undefined : people.get(id);
}
