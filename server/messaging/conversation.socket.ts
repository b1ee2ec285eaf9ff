import { CLIENT_EVENTS } from '@shared/events';
import { notFound, unauthenticated, validationError } from '@server/errors';
import { answer } from '@server/realtime/ack';
import type { SocketContext, SocketFeature } from '@server/realtime/io';
import { rooms } from '@server/realtime/rooms';
import type { Broadcaster, RoomAccess } from '@server/realtime/broadcast';
import type { MemberService } from '@server/members';
import { fieldIssues } from '@shared/validation';
import type { ConversationService } from './conversation.service';
import type { MessageService } from './message.service';

/** The conversation a client event names (`conversation:join` and `typing` share the payload). */
function parseRef(payload: unknown): string {
  const result = CLIENT_EVENTS['conversation:join'].payload.safeParse(payload);
  if (!result.success) throw validationError(fieldIssues(result.error.issues));
  return result.data.conversationId;
}

interface Deps {
  conversations: ConversationService;
  messages: MessageService;
  members: MemberService;
  broadcaster: Broadcaster;
}

/** Who may be in `conversation:<id>`: its present members (active, or holding its request), as they are now. */
export function conversationRoomAccess(conversations: ConversationService): RoomAccess {
  return async (memberId, conversationId) =>
    memberId !== null && conversations.isMember(memberId, conversationId);
}

/**
 * Direct messages on the socket. On connection, a signed-in socket is put in the rooms of its
 * conversations before `hello` is sent. `conversation:join` re-checks membership (a non-member is refused
 * with `not_found`); `typing` is relayed to the conversation's room at most once per interval per
 * member and conversation (whatever the number of their sockets), and only from a member who may write.
 */
export function messagingSocket(deps: Deps): SocketFeature {
  const mayJoin = conversationRoomAccess(deps.conversations);
  return async (socket, ctx: SocketContext) => {
    const respond = <T>(work: () => Promise<T>, ack: unknown) =>
      answer(work, ack, { locale: socket.data.locale, translator: ctx.translator, logger: ctx.logger });

    const currentMember = async () => {
      const memberId = socket.data.memberId;
      if (!memberId) throw unauthenticated();
      const member = await deps.members.findById(memberId);
      if (!member) throw unauthenticated();
      return member;
    };

    socket.on('conversation:join', (payload, ack) => {
      respond(async () => {
        const conversationId = parseRef(payload);
        const member = await currentMember();
        await deps.messages.membershipOf(member, conversationId);
        const room = rooms.conversation(conversationId);
        await socket.join(room);
        // Checked again once in the room: a leave that committed between the check and the join took
        // its sockets out before this one was there.
        if (!(await mayJoin(member.id, conversationId))) {
          await socket.leave(room);
          throw notFound();
        }
      }, ack);
    });

    socket.on('typing', (payload, ack) => {
      respond(async () => {
        const conversationId = parseRef(payload);
        const memberId = socket.data.memberId;
        if (!memberId) throw unauthenticated();
        // The client throttles too; this keeps a misbehaving one (or one with many tabs) from flooding
        // a room, and is checked before any database work.
        if (!(await deps.messages.allowTyping(memberId, conversationId))) return;
        const member = await currentMember();
        await deps.messages.assertMayType(member, conversationId);
        deps.broadcaster.toRoom(rooms.conversation(conversationId), 'typing', {
          conversationId,
          memberId: member.id,
          displayName: member.displayName,
        });
      }, ack);
    });

    const memberId = socket.data.memberId;
    if (!memberId) return;
    const ids = await deps.conversations.roomsOf(memberId);
    if (ids.length === 0) return;
    await socket.join(ids.map((id) => rooms.conversation(id)));
    // Read again once joined: a conversation left meanwhile was revalidated before this socket was in it.
    const still = new Set(await deps.conversations.roomsOf(memberId));
    for (const id of ids) if (!still.has(id)) await socket.leave(rooms.conversation(id));
  };
}
