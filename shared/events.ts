/**
 * Every Socket.IO event, typed once for the server (`Server<ClientToServerEvents, ServerToClientEvents>`)
 * and the client (`Socket<ServerToClientEvents, ClientToServerEvents>`).
 */
import type { ErrorEnvelope } from './errors';
import type { PostDto } from './api/threads';

/** What every acknowledged client request gets back. */
export type Ack<T = undefined> = { ok: true; data?: T } | ({ ok: false } & ErrorEnvelope);

/** Sent to a socket right after the server accepted its handshake. */
export interface HelloPayload {
  userId: string | null;
}

/** `thread:watch` / `thread:unwatch` */
export interface WatchThreadPayload {
  threadId: string;
}

/** A post was added to, or changed in (edit, deletion, reactions), a watched thread. */
export interface PostEventPayload {
  threadId: string;
  post: PostDto;
}

/** A thread's shared state changed (a reply, acceptance, pin, lock, title or tags). */
export interface ThreadStatePayload {
  id: string;
  title: string;
  tags: string[];
  acceptedPostId: string | null;
  postCount: number;
  replyCount: number;
  lastPostAt: string;
  pinned: boolean;
  locked: boolean;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  hello: (payload: HelloPayload) => void;
  'post:created': (payload: PostEventPayload) => void;
  'post:updated': (payload: PostEventPayload) => void;
  'thread:updated': (payload: { thread: ThreadStatePayload }) => void;
}

/** Events a client sends, each answered through its ack. */
export interface ClientToServerEvents {
  'thread:watch': (payload: WatchThreadPayload, ack: (response: Ack) => void) => void;
  'thread:unwatch': (payload: WatchThreadPayload, ack: (response: Ack) => void) => void;
}
