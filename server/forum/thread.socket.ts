import { CLIENT_EVENTS } from '@shared/events';
import { answer } from '@server/realtime/ack';
import type { RoomAccess } from '@server/realtime/broadcast';
import type { SocketFeature } from '@server/realtime/io';
import { rooms } from '@server/realtime/rooms';
import { AppError, notFound } from '@server/errors';
import { parseInput } from '@server/http/validate';
import type { MemberService } from '@server/members';
import type { ThreadService } from './thread.service';

/**
 * Who may be in `thread:<id>`: whoever may read the thread now. The member is read again each time, so
 * a role, scope or status change since the handshake counts; a member who no longer exists may not.
 */
export function threadRoomAccess(threads: ThreadService, members: MemberService): RoomAccess {
  return async (memberId, threadId) => {
    const member = memberId ? await members.findById(memberId) : null;
    if (memberId && !member) return false;
    try {
      await threads.readable(member ?? null, threadId);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return false;
      throw error;
    }
  };
}

/**
 * `thread:watch` joins the socket to `thread:<id>` once the service says its member (or visitor) may
 * read the thread; `thread:unwatch` leaves it. Both answer through the ack.
 */
export function threadSocket(threads: ThreadService, members: MemberService): SocketFeature {
  const mayWatch = threadRoomAccess(threads, members);
  return (socket, ctx) => {
    const context = () => ({ locale: socket.data.locale, translator: ctx.translator, logger: ctx.logger });

    socket.on('thread:watch', (payload, ack) => {
      answer(
        async () => {
          const { threadId } = parseInput(CLIENT_EVENTS['thread:watch'].payload, payload);
          const id = threadId.toLowerCase();
          const room = rooms.thread(id);
          if (!(await mayWatch(socket.data.memberId, id))) throw notFound();
          await socket.join(room);
          // Checked again once in the room: access removed between the first check and the join was
          // revalidated before this socket was there to be evicted, so it is caught here instead.
          if (!(await mayWatch(socket.data.memberId, id))) {
            await socket.leave(room);
            throw notFound();
          }
        },
        ack,
        context(),
      );
    });

    socket.on('thread:unwatch', (payload, ack) => {
      answer(
        async () => {
          const { threadId } = parseInput(CLIENT_EVENTS['thread:unwatch'].payload, payload);
          await socket.leave(rooms.thread(threadId.toLowerCase()));
        },
        ack,
        context(),
      );
    });
  };
}
