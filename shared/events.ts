/**
 * Every Socket.IO event, typed once for the server (`Server<ClientToServerEvents, ServerToClientEvents>`)
 * and the client (`Socket<ServerToClientEvents, ClientToServerEvents>`).
 */
import type { ErrorEnvelope } from './errors';
import type { MessageDto } from './api/messaging';

/** What every acknowledged client request gets back. */
export type Ack<T = undefined> = { ok: true; data?: T } | ({ ok: false } & ErrorEnvelope);

/** Sent to a socket right after the server accepted its handshake (and joined its rooms). */
export interface HelloPayload {
  userId: string | null;
}

/** A new or changed message (edited, deleted), sent to `conversation:<id>`. */
export interface MessageEventPayload {
  conversationId: string;
  message: MessageDto;
}

/** A member read a conversation up to `seq`. */
export interface ConversationReadPayload {
  conversationId: string;
  memberId: string;
  seq: number;
}

/** Someone is typing in a conversation; the indicator expires on its own. */
export interface TypingPayload {
  conversationId: string;
  memberId: string;
  displayName: string;
}

/** A conversation's membership or state changed for the receiving member (new, request answered, …). */
export interface ConversationChangedPayload {
  conversationId: string;
}

/** Payload of the client's conversation requests. */
export interface ConversationRef {
  conversationId: string;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  hello: (payload: HelloPayload) => void;
  'message:created': (payload: MessageEventPayload) => void;
  'message:updated': (payload: MessageEventPayload) => void;
  'conversation:read': (payload: ConversationReadPayload) => void;
  'conversation:changed': (payload: ConversationChangedPayload) => void;
  typing: (payload: TypingPayload) => void;
}

/** Events a client sends. */
export interface ClientToServerEvents {
  /** Asks to (re)join a conversation's room; refused with `not_found` for a non-member. */
  'conversation:join': (payload: ConversationRef, ack?: (response: Ack) => void) => void;
  /** Tells the other members that this member is typing. */
  typing: (payload: ConversationRef, ack?: (response: Ack) => void) => void;
}
