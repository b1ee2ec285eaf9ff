import type { ServerToClientEvents } from '@shared/events';
import type { AgoraIo } from './io';
import { rooms } from './rooms';

type EventName = keyof ServerToClientEvents;

/**
 * How the HTTP and socket layers tell clients that something changed. It is created before the
 * Socket.IO server (routes need it at assembly) and attached to it once that exists. Call it only
 * after the database transaction has committed: services never call it, their callers do.
 */
export function createBroadcaster() {
  let io: AgoraIo | undefined;
  return {
    /** Binds the Socket.IO server; until then nothing is sent (there is nobody to send to). */
    attach(server: AgoraIo): void {
      io = server;
    },

    /** Sends a typed event to every socket in a room, on every server process (through the adapter). */
    toRoom<E extends EventName>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
      const target = io?.to(room) as unknown as
        { emit(event: E, ...payload: unknown[]): boolean } | undefined;
      target?.emit(event, ...args);
    },

    /** Puts every socket of a member, on every process, into a room (a conversation they joined). */
    joinMember(memberId: string, room: string): void {
      io?.in(rooms.user(memberId)).socketsJoin(room);
    },

    /** Takes every socket of a member out of a room (a conversation they left or declined). */
    leaveMember(memberId: string, room: string): void {
      io?.in(rooms.user(memberId)).socketsLeave(room);
    },

    /**
     * Takes every socket out of a room (on every process); clients that still may watch it ask again,
     * and the server checks them anew (a thread moved to a category some of them cannot read).
     */
    clearRoom(room: string): void {
      io?.in(room).socketsLeave(room);
    },

    /** Disconnects every socket of a session (sign-out, session revoked). */
    disconnectSession(sessionId: string): void {
      io?.in(rooms.session(sessionId)).disconnectSockets(true);
    },

    /** Disconnects every socket of a member (suspension, account deletion). */
    disconnectMember(memberId: string): void {
      io?.in(rooms.user(memberId)).disconnectSockets(true);
    },
  };
}

/** The broadcaster routes and socket handlers receive. */
export type Broadcaster = ReturnType<typeof createBroadcaster>;
