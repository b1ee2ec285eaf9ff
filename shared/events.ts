/**
 * Every Socket.IO event, typed once for the server (`Server<ClientToServerEvents, ServerToClientEvents>`)
 * and the client (`Socket<ServerToClientEvents, ClientToServerEvents>`).
 */
import type { ErrorEnvelope } from './errors';
import type { MessageDto } from './api/messaging';
import type { PostDto } from './api/threads';
import type { NotificationDto } from './api/notifications';

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
  categoryId: string;
  pinScope: 'category' | 'global' | null;
  featured: boolean;
  closed: boolean;
  slowModeMinutes: number;
  /** Set once the thread was merged into another: watchers follow it there. */
  mergedInto: string | null;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  hello: (payload: HelloPayload) => void;
  'message:created': (payload: MessageEventPayload) => void;
  'message:updated': (payload: MessageEventPayload) => void;
  'conversation:read': (payload: ConversationReadPayload) => void;
  'conversation:changed': (payload: ConversationChangedPayload) => void;
  typing: (payload: TypingPayload) => void;
  'post:created': (payload: PostEventPayload) => void;
  'post:updated': (payload: PostEventPayload) => void;
  'thread:updated': (payload: { thread: ThreadStatePayload }) => void;
  /** To `user:<id>`: a notification was created or grew; `unread` is the new badge count. */
  'notification:created': (payload: NotificationCreatedPayload) => void;
  /** To `user:<id>`: notifications were read in another tab. */
  'notification:read': (payload: { unread: number }) => void;
  /** To staff: an item of the moderation queue was opened or changed (only its id: pages refetch). */
  'moderation:queue': (payload: ModerationQueuePayload) => void;
}

/** A live notification and the member's unread count after it. */
export interface NotificationCreatedPayload {
  notification: NotificationDto;
  unread: number;
}

/** Events a client sends, each answered through its ack. */
export interface ClientToServerEvents {
  /** Asks to (re)join a conversation's room; refused with `not_found` for a non-member. */
  'conversation:join': (payload: ConversationRef, ack?: (response: Ack) => void) => void;
  /** Tells the other members that this member is typing. */
  typing: (payload: ConversationRef, ack?: (response: Ack) => void) => void;

  'thread:watch': (payload: WatchThreadPayload, ack: (response: Ack) => void) => void;
  'thread:unwatch': (payload: WatchThreadPayload, ack: (response: Ack) => void) => void;
}

/** A change in the moderation queue: which item, so a dashboard refetches it. */
export interface ModerationQueuePayload {
  itemId: string;
}
