import type { SocketFeature } from '@server/realtime/io';
import type { MemberService } from '@server/members/member.service';
import { isStaff } from '@server/members/member.policy';
import { STAFF_ROOM } from './moderation.events';

/** Staff sockets join the staff room, where the queue's live updates go. */
export function moderationSocket(members: MemberService): SocketFeature {
  return async (socket) => {
    if (!socket.data.memberId) return;
    const member = await members.findById(socket.data.memberId);
    if (member && isStaff(member)) await socket.join(STAFF_ROOM);
  };
}
