import type { EventListeners } from '@server/events';
import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';

/**
 * What sockets are told once a messaging change committed. Members who join a conversation have every
 * socket (every tab, every process) put in its room first, so the events that follow reach them.
 */
export function messagingLive(broadcaster: Broadcaster): EventListeners {
  const told = (memberIds: readonly string[], conversationId: string) => {
    for (const memberId of memberIds) {
      broadcaster.toRoom(rooms.user(memberId), 'conversation:changed', { conversationId });
    }
  };

  return {
    afterCommit: {
      'conversation.changed': ({ conversationId, joined, notify }) => {
        for (const memberId of joined) broadcaster.joinMember(memberId, rooms.conversation(conversationId));
        told(notify, conversationId);
      },

      // The member's sockets leave the room; their other tabs and the members still there are told.
      'conversation.left': ({ conversationId, memberId, notify }) => {
        broadcaster.leaveMember(memberId, rooms.conversation(conversationId));
        told([memberId, ...notify], conversationId);
      },

      'message.created': ({ conversationId, message }) => {
        broadcaster.toRoom(rooms.conversation(conversationId), 'message:created', {
          conversationId,
          message,
        });
      },

      // Not to members who joined after the message was sent: they never saw it.
      'message.updated': ({ conversationId, message, hiddenFrom }) => {
        broadcaster.toRoomExcept(rooms.conversation(conversationId), hiddenFrom, 'message:updated', {
          conversationId,
          message,
        });
      },

      // "Seen by" for the others, unread counts for the reader's own tabs.
      'conversation.read': ({ conversationId, memberId, seq }) => {
        broadcaster.toRoom(rooms.conversation(conversationId), 'conversation:read', {
          conversationId,
          memberId,
          seq,
        });
      },
    },
  };
}
