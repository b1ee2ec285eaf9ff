import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import type { MessageDto } from '@shared/api/messaging';

/**
 * What the messaging routes tell sockets, always after the service's transaction committed. Members
 * who join a conversation have every socket (every tab, every process) put in its room first, so the
 * events that follow reach them.
 */
export function messagingEvents(broadcaster: Broadcaster) {
  return {
    /** Members joined a conversation; members were affected by a change to it. */
    changed(conversationId: string, change: { joined?: string[]; notify?: string[] }): void {
      const room = rooms.conversation(conversationId);
      for (const memberId of change.joined ?? []) broadcaster.joinMember(memberId, room);
      for (const memberId of change.notify ?? []) {
        broadcaster.toRoom(rooms.user(memberId), 'conversation:changed', { conversationId });
      }
    },

    /** A member left (or declined) a conversation: their sockets leave its room. */
    left(conversationId: string, memberId: string, notify: string[]): void {
      broadcaster.leaveMember(memberId, rooms.conversation(conversationId));
      for (const id of [memberId, ...notify]) {
        broadcaster.toRoom(rooms.user(id), 'conversation:changed', { conversationId });
      }
    },

    /** A new message, to every socket of every member. */
    created(message: MessageDto): void {
      broadcaster.toRoom(rooms.conversation(message.conversationId), 'message:created', {
        conversationId: message.conversationId,
        message,
      });
    },

    /** An edited or deleted message, to every member but those who joined after it was sent. */
    updated(message: MessageDto, hiddenFrom: readonly string[] = []): void {
      broadcaster.toRoomExcept(rooms.conversation(message.conversationId), hiddenFrom, 'message:updated', {
        conversationId: message.conversationId,
        message,
      });
    },

    /** A member's read mark moved: "seen by" for the others, unread counts for their own tabs. */
    read(conversationId: string, memberId: string, seq: number): void {
      broadcaster.toRoom(rooms.conversation(conversationId), 'conversation:read', {
        conversationId,
        memberId,
        seq,
      });
    },
  };
}

/** The messaging events. */
export type MessagingEvents = ReturnType<typeof messagingEvents>;
