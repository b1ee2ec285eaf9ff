import { z } from 'zod';
import { AppError, unauthenticated, validationError } from '@server/errors';
import { answer } from '@server/realtime/ack';
import type { SocketContext, SocketFeature } from '@server/realtime/io';
import { rooms } from '@server/realtime/rooms';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { MemberService } from '@server/members/member.service';
import { fieldIssues } from '@shared/validation';
import { MESSAGING_LIMITS } from '@shared/api/messaging';
import type { ConversationService } from './conversation.service';
import type { MessageService } from './message.service';

const refSchema = z.strictObject({ conversationId: z.uuid() });

function parseRef(payload: unknown): string {
  const result = refSchema.safeParse(payload);
  if (!result.success) throw validationError(fieldIssues(result.error.issues));
  return result.data.conversationId;
}

interface Deps {
  conversations: ConversationService;
  messages: MessageService;
  members: MemberService;
  broadcaster: Broadcaster;
}

/**
 * Direct messages on the socket. On connection, a signed-in socket is put in the rooms of its
 * conversations before `hello` is sent. `conversation:join` re-checks membership (a non-member is refused
 * with `not_found`); `typing` is relayed to the conversation's room at most once per interval per
 * socket, and only from a member who may write.
 */
export function messagingSocket(deps: Deps): SocketFeature {
  return async (socket, ctx: SocketContext) => {
    const lastTyping = new Map<string, number>();
    const respond = <T>(work: () => Promise<T>, ack: unknown) =>
      answer(work, ack, { locale: socket.data.locale, translator: ctx.translator, logger: ctx.logger });

    const memberOf = async (conversationId: string) => {
      const memberId = socket.data.memberId;
      if (!memberId) throw unauthenticated();
      const member = await deps.members.findById(memberId);
      if (!member) throw unauthenticated();
      const found = await deps.messages.membershipOf(member, conversationId);
      return { member, ...found };
    };

    socket.on('conversation:join', (payload, ack) => {
      respond(async () => {
        const conversationId = parseRef(payload);
        await memberOf(conversationId);
        await socket.join(rooms.conversation(conversationId));
      }, ack);
    });

    socket.on('typing', (payload, ack) => {
      respond(async () => {
        const conversationId = parseRef(payload);
        const now = Date.now();
        // The client throttles too; this keeps a misbehaving one from flooding a room.
        if (now - (lastTyping.get(conversationId) ?? 0) < MESSAGING_LIMITS.typingThrottleMs / 2) return;
        lastTyping.set(conversationId, now);
        const { member, membership } = await memberOf(conversationId);
        if (membership.state !== 'active') throw new AppError(403, 'message_request_pending');
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
    if (ids.length > 0) await socket.join(ids.map((id) => rooms.conversation(id)));
  };
}
