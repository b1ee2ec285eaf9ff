import type { SocketFeature } from '@server/realtime/io';
import type { RoomAccess } from '@server/realtime/broadcast';
import { isStaff, type MemberRow, type MemberService } from '@server/members';
import { STAFF_ROOM } from './moderation.events';

export { STAFF_ROOM };

/** Staff who may hear the queue: moderators and admins with a second factor, like every staff route. */
const hearsQueue = (member: MemberRow | undefined): boolean =>
  member !== undefined && isStaff(member) && member.twoFactorEnabled;

/** Who may be in the staff room: moderators and admins, as they are now (a demotion takes them out). */
export function staffRoomAccess(members: MemberService): RoomAccess {
  return async (memberId) => hearsQueue(memberId ? await members.findById(memberId) : undefined);
}

/** Staff sockets join the staff room, where the queue's live updates go. */
export function moderationSocket(members: MemberService): SocketFeature {
  return async (socket) => {
    if (!socket.data.memberId) return;
    const member = await members.findById(socket.data.memberId);
    if (hearsQueue(member)) await socket.join(STAFF_ROOM);
  };
}
