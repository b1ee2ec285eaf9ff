import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events';

/** The app's Socket.IO connection, typed with the shared event map. */
export type AgoraSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Creates the (not yet connected) socket to the page's own origin; the handshake carries the cookies. */
export function createSocket(): AgoraSocket {
  return io({ autoConnect: false, withCredentials: true });
}
