import { z } from 'zod';
import { answer } from '@server/realtime/ack';
import type { SocketFeature } from '@server/realtime/io';
import { rooms } from '@server/realtime/rooms';
import { notFound } from '@server/errors';
import { parseInput } from '@server/http/validate';
import type { MemberService } from '@server/members/member.service';
import type { ThreadService } from './thread.service';

const watchSchema = z.strictObject({ threadId: z.uuid() });

/**
 * `thread:watch` joins the socket to `thread:<id>` once the service says its member (or visitor) may
 * read the thread; `thread:unwatch` leaves it. Both answer through the ack.
 */
export function threadSocket(threads: ThreadService, members: MemberService): SocketFeature {
  return (socket, ctx) => {
    const context = () => ({ locale: socket.data.locale, translator: ctx.translator, logger: ctx.logger });

    socket.on('thread:watch', (payload, ack) => {
      answer(
        async () => {
          const { threadId } = parseInput(watchSchema, payload);
          // The member is read again: a suspension or role change since the handshake counts.
          const member = socket.data.memberId ? await members.findById(socket.data.memberId) : null;
          if (socket.data.memberId && !member) throw notFound();
          await threads.readable(member ?? null, threadId.toLowerCase());
          await socket.join(rooms.thread(threadId.toLowerCase()));
        },
        ack,
        context(),
      );
    });

    socket.on('thread:unwatch', (payload, ack) => {
      answer(
        async () => {
          const { threadId } = parseInput(watchSchema, payload);
          await socket.leave(rooms.thread(threadId.toLowerCase()));
        },
        ack,
        context(),
      );
    });
  };
}
