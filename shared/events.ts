/**
 * Every Socket.IO event, typed once for the server (`Server<ClientToServerEvents, ServerToClientEvents>`)
 * and the client (`Socket<ServerToClientEvents, ClientToServerEvents>`).
 */
import type { ErrorEnvelope } from './errors';

/** What every acknowledged client request gets back. */
export type Ack<T = undefined> = { ok: true; data?: T } | ({ ok: false } & ErrorEnvelope);

/** Sent to a socket right after the server accepted its handshake. */
export interface HelloPayload {
  userId: string | null;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  hello: (payload: HelloPayload) => void;
}

/** Events a client sends. Features add theirs here (thread:watch, typing, …). */
export type ClientToServerEvents = Record<never, never>;
