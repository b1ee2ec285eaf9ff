/**
 * Every Socket.IO event, declared once as data: what the client may send (with who may send it and what
 * the ack answers) and what the server sends (with its payload). The server parses client payloads with
 * these schemas; the TypeScript maps Socket.IO is typed with (`Server<ClientToServerEvents,
 * ServerToClientEvents>`, `Socket<ServerToClientEvents, ClientToServerEvents>`) are derived from them;
 * the authorization matrix enumerates them.
 */
import { z } from './zod';
import type { ErrorEnvelope } from './errors';
import { messageDto } from './api/messaging';
import { postDto } from './api/threads';
import { notificationDto } from './api/notifications';
import { PIN_SCOPES } from './moderation';

/** What every acknowledged client request gets back. */
export type Ack<T = undefined> = { ok: true; data?: T } | ({ ok: false } & ErrorEnvelope);

/** Sent to a socket right after the server accepted its handshake (and joined its rooms). */
export const helloPayload = z.object({ userId: z.string().nullable() });
/** Sent to a socket right after its handshake. */
export type HelloPayload = z.infer<typeof helloPayload>;

/** A new or changed message (edited, deleted), sent to `conversation:<id>`. */
export const messageEventPayload = z.object({ conversationId: z.string(), message: messageDto });
/** A new or changed message. */
export type MessageEventPayload = z.infer<typeof messageEventPayload>;

/** A member read a conversation up to `seq`. */
export const conversationReadPayload = z.object({
  conversationId: z.string(),
  memberId: z.string(),
  seq: z.number().int(),
});
/** A member read a conversation up to `seq`. */
export type ConversationReadPayload = z.infer<typeof conversationReadPayload>;

/** Someone is typing in a conversation; the indicator expires on its own. */
export const typingPayload = z.object({
  conversationId: z.string(),
  memberId: z.string(),
  displayName: z.string(),
});
/** Someone is typing in a conversation. */
export type TypingPayload = z.infer<typeof typingPayload>;

/** A conversation's membership or state changed for the receiving member (new, request answered, …). */
export const conversationChangedPayload = z.object({ conversationId: z.string() });
/** A conversation changed for the receiving member. */
export type ConversationChangedPayload = z.infer<typeof conversationChangedPayload>;

/** Payload of the client's conversation requests. */
export const conversationRef = z.strictObject({ conversationId: z.uuid() });
/** Payload of the client's conversation requests. */
export type ConversationRef = z.infer<typeof conversationRef>;

/** `thread:watch` / `thread:unwatch` */
export const watchThreadPayload = z.strictObject({ threadId: z.uuid() });
/** `thread:watch` / `thread:unwatch` */
export type WatchThreadPayload = z.infer<typeof watchThreadPayload>;

/** A post was added to, or changed in (edit, deletion, reactions), a watched thread. */
export const postEventPayload = z.object({ threadId: z.string(), post: postDto });
/** A post was added to, or changed in, a watched thread. */
export type PostEventPayload = z.infer<typeof postEventPayload>;

/** A thread's shared state changed (a reply, acceptance, pin, lock, title or tags). */
export const threadStatePayload = z.object({
  id: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  acceptedPostId: z.string().nullable(),
  postCount: z.number().int(),
  replyCount: z.number().int(),
  lastPostAt: z.string(),
  pinned: z.boolean(),
  locked: z.boolean(),
  categoryId: z.string(),
  pinScope: z.enum(PIN_SCOPES).nullable(),
  featured: z.boolean(),
  closed: z.boolean(),
  slowModeMinutes: z.number().int(),
  /** Set once the thread was merged into another: watchers follow it there. */
  mergedInto: z.string().nullable(),
});
/** A thread's shared state. */
export type ThreadStatePayload = z.infer<typeof threadStatePayload>;

/** A live notification and the member's unread count after it. */
export const notificationCreatedPayload = z.object({
  notification: notificationDto,
  unread: z.number().int(),
});
/** A live notification and the member's unread count after it. */
export type NotificationCreatedPayload = z.infer<typeof notificationCreatedPayload>;

/** A change in the moderation queue: which item, so a dashboard refetches it. */
export const moderationQueuePayload = z.object({ itemId: z.string() });
/** A change in the moderation queue. */
export type ModerationQueuePayload = z.infer<typeof moderationQueuePayload>;

/** One event the server sends: its payload and who receives it. */
export interface ServerEventSpec {
  payload: z.ZodType;
  /** The room it goes to, for the reference and the authorization matrix. */
  audience: string;
}

/** Events the server sends. */
export const SERVER_EVENTS = {
  hello: { payload: helloPayload, audience: 'the socket that just connected' },
  'message:created': { payload: messageEventPayload, audience: 'conversation:<id>' },
  'message:updated': { payload: messageEventPayload, audience: 'conversation:<id>' },
  'conversation:read': { payload: conversationReadPayload, audience: 'conversation:<id>' },
  'conversation:changed': { payload: conversationChangedPayload, audience: 'user:<id>' },
  typing: { payload: typingPayload, audience: 'conversation:<id>, not the typist' },
  'post:created': { payload: postEventPayload, audience: 'thread:<id>' },
  'post:updated': { payload: postEventPayload, audience: 'thread:<id>' },
  'thread:updated': { payload: z.object({ thread: threadStatePayload }), audience: 'thread:<id>' },
  /** A notification was created or grew; `unread` is the new badge count. */
  'notification:created': { payload: notificationCreatedPayload, audience: 'user:<id>' },
  /** Notifications were read in another tab. */
  'notification:read': { payload: z.object({ unread: z.number().int() }), audience: 'user:<id>' },
  /** An item of the moderation queue was opened or changed (only its id: pages refetch). */
  'moderation:queue': { payload: moderationQueuePayload, audience: 'staff' },
} as const satisfies Record<string, ServerEventSpec>;

/** One event a client sends: its payload, who may send it, and the errors its ack may carry. */
export interface ClientEventSpec {
  payload: z.ZodType;
  /** `public`: visitors too (a visitor's socket may watch public threads); `member`: signed in. */
  access: 'public' | 'member';
  /** Whether the client must ask for an ack (the server answers through it either way when asked). */
  ackRequired: boolean;
}

/** Events a client sends, each answered through its ack with `{ ok: true }` or the error envelope. */
export const CLIENT_EVENTS = {
  /** Asks to (re)join a conversation's room; refused with `not_found` for a non-member. */
  'conversation:join': { payload: conversationRef, access: 'member', ackRequired: false },
  /** Tells the other members that this member is typing. */
  typing: { payload: conversationRef, access: 'member', ackRequired: false },
  /** Joins `thread:<id>` when the asker may read the thread (`not_found` otherwise). */
  'thread:watch': { payload: watchThreadPayload, access: 'public', ackRequired: true },
  'thread:unwatch': { payload: watchThreadPayload, access: 'public', ackRequired: true },
} as const satisfies Record<string, ClientEventSpec>;

/** The name of an event the server sends. */
export type ServerEventName = keyof typeof SERVER_EVENTS;
/** The name of an event a client sends. */
export type ClientEventName = keyof typeof CLIENT_EVENTS;

/** Events the server sends, as Socket.IO types them. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: z.output<(typeof SERVER_EVENTS)[E]['payload']>) => void;
};

/** Events a client sends, as Socket.IO types them. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (typeof CLIENT_EVENTS)[E]['ackRequired'] extends true
    ? (payload: z.input<(typeof CLIENT_EVENTS)[E]['payload']>, ack: (response: Ack) => void) => void
    : (payload: z.input<(typeof CLIENT_EVENTS)[E]['payload']>, ack?: (response: Ack) => void) => void;
};
