import { SERVER_EVENTS, type ServerToClientEvents } from '@shared/events';
import type { Logger } from '@server/logger';
import type { AgoraIo } from './io';
import { roomKind, rooms } from './rooms';

type EventName = keyof ServerToClientEvents;

/**
 * Whether the member behind a socket (null: a visitor) may still be in one room of a kind, given the
 * part of the room's name after `kind:`. A feature supplies it; the realtime kernel calls it.
 */
export type RoomAccess = (memberId: string | null, id: string) => Promise<boolean>;

/**
 * How the HTTP and socket layers tell clients that something changed. It is created before the
 * Socket.IO server (routes need it at assembly) and attached to it once that exists. Call it only
 * after the database transaction has committed: services never call it, their callers do.
 */
export function createBroadcaster(logger?: Logger, options: { checkPayloads?: boolean } = {}) {
  let io: AgoraIo | undefined;
  const guards = new Map<string, RoomAccess>();

  /**
   * Outside production every payload is checked against its declaration in SERVER_EVENTS before it
   * goes out: a payload that drifted from the contract throws (the event pipeline logs it) instead of
   * reaching clients.
   */
  const checked = (event: EventName, payload: unknown) => {
    if (!options.checkPayloads) return;
    const result = SERVER_EVENTS[event].payload.safeParse(payload);
    if (result.success) return;
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(
      `server event "${event}" sent outside its contract:\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
  };

  /**
   * Re-checks the guarded rooms that `select` picks among those of every socket in `scope` (every
   * socket when undefined), and takes each socket out of the rooms it may no longer be in. A check that
   * fails counts as a refusal: a client that may still watch asks again and is checked anew.
   */
  const revalidate = async (scope: string | undefined, select: (room: string) => boolean) => {
    if (!io) return;
    const sockets = await (scope ? io.in(scope) : io).fetchSockets();
    const verdicts = new Map<string, Promise<boolean>>();
    const ask = (access: RoomAccess, memberId: string | null, room: string, id: string) => {
      const key = `${memberId ?? ''}|${room}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = access(memberId, id).catch((error: unknown) => {
          logger?.error({ err: error, room }, 'room access check failed');
          return false;
        });
        verdicts.set(key, verdict);
      }
      return verdict;
    };
    await Promise.all(
      sockets.flatMap((socket) =>
        [...socket.rooms].filter(select).map(async (room) => {
          const { kind, id } = roomKind(room);
          const access = guards.get(kind);
          if (access && !(await ask(access, socket.data.memberId ?? null, room, id))) socket.leave(room);
        }),
      ),
    );
  };

  return {
    /** Binds the Socket.IO server; until then nothing is sent (there is nobody to send to). */
    attach(server: AgoraIo): void {
      io = server;
    },

    /**
     * Declares who may stay in the rooms of a kind (`thread` for `thread:<id>`, `staff` for `staff`).
     * Every revalidation below asks it; rooms of a kind nobody guards are never re-checked.
     */
    guard(kind: string, access: RoomAccess): void {
      guards.set(kind, access);
    },

    /** Sends a typed event to every socket in a room, on every server process (through the adapter). */
    toRoom<E extends EventName>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
      checked(event, args[0]);
      const target = io?.to(room) as unknown as
        { emit(event: E, ...payload: unknown[]): boolean } | undefined;
      target?.emit(event, ...args);
    },

    /**
     * Sends a typed event to a room except the sockets of some members (those who may not see this
     * one item, e.g. an edit of a message from before they joined).
     */
    toRoomExcept<E extends EventName>(
      room: string,
      memberIds: readonly string[],
      event: E,
      ...args: Parameters<ServerToClientEvents[E]>
    ): void {
      checked(event, args[0]);
      const target = io?.to(room).except(memberIds.map((id) => rooms.user(id))) as unknown as
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

    /**
     * Re-checks everyone in one room against its kind's guard and takes out those who lost access (a
     * thread hidden or deleted). Should the check itself fail, the room is emptied: fail closed.
     */
    async revalidateRoom(room: string): Promise<void> {
      try {
        await revalidate(room, (r) => r === room);
      } catch (error) {
        logger?.error({ err: error, room }, 'room revalidation failed; emptying the room');
        io?.in(room).socketsLeave(room);
      }
    },

    /**
     * Re-checks every guarded room a member's sockets are in (a demotion, narrower moderator scopes).
     * Should the check itself fail, the member's sockets are disconnected and re-checked when they return.
     */
    async revalidateMember(memberId: string): Promise<void> {
      try {
        await revalidate(rooms.user(memberId), (room) => guards.has(roomKind(room).kind));
      } catch (error) {
        logger?.error({ err: error, memberId }, 'member revalidation failed; disconnecting');
        io?.in(rooms.user(memberId)).disconnectSockets(true);
      }
    },

    /**
     * Re-checks every room of one kind, on every socket (a category's read access narrowed: any of its
     * threads' rooms may be affected). Rare and administrative; its cost grows with open sockets.
     */
    async revalidateKind(kind: string): Promise<void> {
      try {
        await revalidate(undefined, (room) => roomKind(room).kind === kind);
      } catch (error) {
        logger?.error({ err: error, kind }, 'room revalidation failed; disconnecting every socket');
        io?.disconnectSockets(true);
      }
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
