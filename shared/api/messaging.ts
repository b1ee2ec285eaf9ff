import { z } from 'zod';
import { LIMITS } from '../constants';
import { INT32_MAX } from '../validation';

/** Limits of direct messages, shared by schemas, database constraints and forms. */
export const MESSAGING_LIMITS = {
  bodyMax: 5000,
  titleMax: 100,
  /** Members of a group, its creator included. */
  groupMax: 20,
  clientIdMax: 64,
  pageMax: 200,
  pageDefault: 100,
  /** Minutes during which an author may edit a message. */
  editWindowMinutes: 15,
  reportNoteMax: 1000,
  /** A typing indicator disappears this long after the last typing event. */
  typingExpiresMs: 5000,
  /** Clients send at most one typing event per this interval. */
  typingThrottleMs: 2000,
} as const;

/** Who may start a conversation with a member. */
export const WHO_CAN_MESSAGE = ['anyone', 'contacts', 'nobody'] as const;

/** A privacy choice: `contacts` means "only people I have messaged". */
export type WhoCanMessage = (typeof WHO_CAN_MESSAGE)[number];

/** Why a message is reported. */
export const REPORT_REASONS = ['spam', 'harassment', 'inappropriate', 'other'] as const;

/** A report reason. */
export type ReportReason = (typeof REPORT_REASONS)[number];

const uuid = z.uuid();
const handle = z
  .string()
  .trim()
  .toLowerCase()
  .min(LIMITS.handleMin)
  .max(LIMITS.handleMax)
  .regex(/^[a-z0-9_]+$/);
const body = z.string().trim().min(1).max(MESSAGING_LIMITS.bodyMax);
const clientId = z
  .string()
  .min(1)
  .max(MESSAGING_LIMITS.clientIdMax)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Members named by id or by handle (the "Message" link of a profile knows the handle). */
const recipients = {
  memberIds: z
    .array(uuid)
    .min(1)
    .max(MESSAGING_LIMITS.groupMax - 1)
    .optional(),
  handles: z
    .array(handle)
    .min(1)
    .max(MESSAGING_LIMITS.groupMax - 1)
    .optional(),
};

const oneRecipientList = (value: { memberIds?: string[]; handles?: string[] }) =>
  (value.memberIds === undefined) !== (value.handles === undefined);

/** `POST /api/v1/conversations`: one other member and no title is a direct conversation, else a group. */
export const startConversationSchema = z
  .strictObject({
    ...recipients,
    title: z.string().trim().min(1).max(MESSAGING_LIMITS.titleMax).optional(),
    body: body.optional(),
    clientId: clientId.optional(),
  })
  .refine(oneRecipientList, { path: ['memberIds'] });

/** Body of `POST /api/v1/conversations`. */
export type StartConversationRequest = z.infer<typeof startConversationSchema>;

/** `POST /api/v1/conversations/:id/members` */
export const addMembersSchema = z.strictObject({ ...recipients }).refine(oneRecipientList, {
  path: ['memberIds'],
});

/** Body of `POST /api/v1/conversations/:id/members`. */
export type AddMembersRequest = z.infer<typeof addMembersSchema>;

/** `POST /api/v1/conversations/:id/messages`: `clientId` makes retries safe. */
export const sendMessageSchema = z.strictObject({ body, clientId });

/** Body of `POST /api/v1/conversations/:id/messages`. */
export type SendMessageRequest = z.infer<typeof sendMessageSchema>;

/** `PATCH /api/v1/conversations/:id/messages/:messageId` */
export const editMessageSchema = z.strictObject({ body });

/** Body of a message edit. */
export type EditMessageRequest = z.infer<typeof editMessageSchema>;

/** `GET /api/v1/conversations/:id/messages`: after a seq (catching up), before one (history), or latest. */
export const messagePageSchema = z
  .strictObject({
    afterSeq: z.coerce.number().int().min(0).max(INT32_MAX).optional(),
    beforeSeq: z.coerce.number().int().min(1).max(INT32_MAX).optional(),
    limit: z.coerce.number().int().min(1).max(MESSAGING_LIMITS.pageMax).optional(),
  })
  .refine((q) => q.afterSeq === undefined || q.beforeSeq === undefined, { path: ['beforeSeq'] });

/** Query of the message history. */
export type MessagePageQuery = z.infer<typeof messagePageSchema>;

/** `GET /api/v1/conversations` */
export const conversationListSchema = z.strictObject({
  tab: z.enum(['inbox', 'requests']).default('inbox'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** Query of the conversation list. */
export type ConversationListQuery = z.infer<typeof conversationListSchema>;

/** `POST /api/v1/conversations/:id/read` */
export const markReadSchema = z.strictObject({ seq: z.number().int().min(0).max(INT32_MAX) });

/** `PUT /api/v1/conversations/:id/mute` */
export const muteSchema = z.strictObject({ muted: z.boolean() });

/** `POST /api/v1/conversations/:id/messages/:messageId/report` */
export const reportMessageSchema = z.strictObject({
  reason: z.enum(REPORT_REASONS),
  note: z.string().trim().max(MESSAGING_LIMITS.reportNoteMax).optional(),
});

/** Body of a message report. */
export type ReportMessageRequest = z.infer<typeof reportMessageSchema>;

/** `POST /api/v1/blocks` */
export const blockSchema = z.strictObject({ memberId: uuid });

/** `PUT /api/v1/me/messaging` */
export const messagingSettingsSchema = z.strictObject({ whoCanMessage: z.enum(WHO_CAN_MESSAGE) });

/** Body of `PUT /api/v1/me/messaging`. */
export type MessagingSettings = z.infer<typeof messagingSettingsSchema>;

/** A member as shown in a conversation. */
export interface ConversationMemberDto {
  id: string;
  handle: string;
  displayName: string;
  state: 'active' | 'requested';
  /** The last seq this member has read: what "seen by" is computed from. */
  lastReadSeq: number;
  /** The conversation's last seq when this member joined: they see only the messages after it. */
  joinedSeq: number;
}

/** A conversation as its members see it. */
export interface ConversationDto {
  id: string;
  kind: 'direct' | 'group';
  /** The group's title; `null` for a direct conversation (shown as the other member's name). */
  title: string | null;
  lastSeq: number;
  activityAt: string;
  members: ConversationMemberDto[];
  /** The caller's own place in it; `joinedSeq`: history starts after that message. */
  me: {
    state: 'active' | 'requested';
    lastReadSeq: number;
    joinedSeq: number;
    muted: boolean;
    unreadCount: number;
  };
  /** What the caller may do, by the server's rules. */
  can: { send: boolean; addMembers: boolean; leave: boolean; answerRequest: boolean };
  lastMessage: MessageDto | null;
}

/** A message. A deleted message keeps its place (`seq`) but not its body. */
export interface MessageDto {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  /** The author, or null when they deleted their account (their messages are erased then). */
  author: { id: string; handle: string; displayName: string } | null;
  /** Markdown source, for editing; `null` once deleted. */
  body: string | null;
  /** Sanitized HTML rendered by the server; `null` once deleted. */
  html: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

/** `GET /api/v1/conversations` */
export interface ConversationListResponse {
  items: ConversationDto[];
  nextCursor: string | null;
}

/** `GET /api/v1/conversations/:id`, `POST /api/v1/conversations` (with the first message, if any). */
export interface ConversationResponse {
  conversation: ConversationDto;
  message?: MessageDto;
}

/** `GET /api/v1/conversations/:id/messages`: messages in ascending `seq`. */
export interface MessagePageResponse {
  items: MessageDto[];
  /** Whether more messages exist in the direction asked (older for history, newer after `afterSeq`). */
  hasMore: boolean;
}

/** `POST …/messages` and edits. */
export interface MessageResponse {
  message: MessageDto;
}

/** `GET /api/v1/conversations/unread`: the header badge. */
export interface UnreadResponse {
  /** Unread messages in active, unmuted conversations. */
  total: number;
  /** Pending message requests. */
  requests: number;
}

/** A member the caller blocked. */
export interface BlockedMemberDto {
  id: string;
  handle: string;
  displayName: string;
}

/** `GET /api/v1/blocks` */
export interface BlockListResponse {
  items: BlockedMemberDto[];
}
