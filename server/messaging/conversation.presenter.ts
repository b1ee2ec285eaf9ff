import type { ConversationDto, ConversationMemberDto, MessageDto } from '@shared/api/messaging';
import type { ConversationRow, MembershipRow } from './conversation.queries';
import type { AuthorSummary } from './message.presenter';
import { canSendAs, isPresent } from './conversation.policy';

/** Everything a conversation's presentation is built from. */
export interface ConversationView {
  conversation: ConversationRow;
  /** The caller's membership. */
  membership: MembershipRow;
  /** Every membership row of the conversation. */
  memberships: MembershipRow[];
  people: Map<string, AuthorSummary>;
  lastMessage: MessageDto | null;
  /** Whether the caller may send now (direct: not declined, not blocked). */
  sendable: boolean;
}

/** A conversation as the calling member sees it, with what they may do in it. */
export function presentConversation(view: ConversationView): ConversationDto {
  const { conversation, membership } = view;
  const members: ConversationMemberDto[] = view.memberships
    .filter((m) => isPresent(m))
    .map((m) => {
      const person = view.people.get(m.memberId);
      return {
        id: m.memberId,
        handle: person?.handle ?? '',
        displayName: person?.displayName ?? '',
        state: m.state === 'requested' ? 'requested' : 'active',
        lastReadSeq: m.lastReadSeq,
        joinedSeq: m.joinedSeq,
      };
    });
  const state = membership.state === 'requested' ? 'requested' : 'active';
  const isGroup = conversation.kind === 'group';
  return {
    id: conversation.id,
    kind: conversation.kind,
    title: conversation.title,
    lastSeq: conversation.lastSeq,
    activityAt: conversation.activityAt.toISOString(),
    members,
    me: {
      state,
      lastReadSeq: membership.lastReadSeq,
      joinedSeq: membership.joinedSeq,
      muted: membership.muted,
      unreadCount: Math.max(0, conversation.lastSeq - membership.lastReadSeq),
    },
    can: {
      send: canSendAs(membership) && view.sendable,
      addMembers: isGroup && state === 'active',
      leave: isGroup,
      answerRequest: state === 'requested',
    },
    lastMessage: view.lastMessage,
  };
}
