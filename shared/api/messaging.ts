import { z } from '../zod';
import { LIMITS } from '../constants';
import { INT32_MAX } from '../validation';
import { idParams, idParamSchema, route } from '../contract';

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

/** How a member stands in a conversation: in it, or asked to join it (a message request). */
export const CONVERSATION_MEMBER_STATES = ['active', 'requested'] as const;

/** Kinds of conversation: between two members, or a titled group. */
export const CONVERSATION_KINDS = ['direct', 'group'] as const;

/** A member as shown in a conversation. */
export const conversationMemberDto = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  state: z.enum(CONVERSATION_MEMBER_STATES),
  /** The last seq this member has read: what "seen by" is computed from. */
  lastReadSeq: z.number().int(),
  /** The conversation's last seq when this member joined: they see only the messages after it. */
  joinedSeq: z.number().int(),
});
/** A member as shown in a conversation. */
export type ConversationMemberDto = z.infer<typeof conversationMemberDto>;

/** A message. A deleted message keeps its place (`seq`) but not its body. */
export const messageDto = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  clientId: z.string(),
  /** The author, or null when they deleted their account (their messages are erased then). */
  author: z.object({ id: z.string(), handle: z.string(), displayName: z.string() }).nullable(),
  /** Markdown source, for editing; `null` once deleted. */
  body: z.string().nullable(),
  /** Sanitized HTML rendered by the server; `null` once deleted. */
  html: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
});
/** A message. */
export type MessageDto = z.infer<typeof messageDto>;

/** A conversation as its members see it. */
export const conversationDto = z.object({
  id: z.string(),
  kind: z.enum(CONVERSATION_KINDS),
  /** The group's title; `null` for a direct conversation (shown as the other member's name). */
  title: z.string().nullable(),
  lastSeq: z.number().int(),
  activityAt: z.string(),
  members: z.array(conversationMemberDto),
  /** The caller's own place in it; `joinedSeq`: history starts after that message. */
  me: z.object({
    state: z.enum(CONVERSATION_MEMBER_STATES),
    lastReadSeq: z.number().int(),
    joinedSeq: z.number().int(),
    muted: z.boolean(),
    unreadCount: z.number().int(),
  }),
  /** What the caller may do, by the server's rules. */
  can: z.object({
    send: z.boolean(),
    addMembers: z.boolean(),
    leave: z.boolean(),
    answerRequest: z.boolean(),
  }),
  lastMessage: messageDto.nullable(),
});
/** A conversation as its members see it. */
export type ConversationDto = z.infer<typeof conversationDto>;

/** `GET /api/v1/conversations` */
export const conversationListResponse = z.object({
  items: z.array(conversationDto),
  nextCursor: z.string().nullable(),
});
/** A page of conversations. */
export type ConversationListResponse = z.infer<typeof conversationListResponse>;

/** `GET /api/v1/conversations/:id`, `POST /api/v1/conversations` (with the first message, if any). */
export const conversationResponse = z.object({
  conversation: conversationDto,
  message: messageDto.optional(),
});
/** One conversation (with the first message, when it was started with one). */
export type ConversationResponse = z.infer<typeof conversationResponse>;

/** `GET /api/v1/conversations/:id/messages`: messages in ascending `seq`. */
export const messagePageResponse = z.object({
  items: z.array(messageDto),
  /** Whether more messages exist in the direction asked (older for history, newer after `afterSeq`). */
  hasMore: z.boolean(),
});
/** A page of messages. */
export type MessagePageResponse = z.infer<typeof messagePageResponse>;

/** `POST …/messages` and edits. */
export const messageResponse = z.object({ message: messageDto });
/** One message. */
export type MessageResponse = z.infer<typeof messageResponse>;

/** `POST …/messages/:messageId/report`: the report filed for the moderators. */
export const messageReportResponse = z.object({ report: z.object({ id: z.string() }) });
/** The report filed for the moderators. */
export type MessageReportResponse = z.infer<typeof messageReportResponse>;

/** `GET /api/v1/conversations/unread`: the header badge. */
export const unreadResponse = z.object({
  /** Unread messages in active, unmuted conversations. */
  total: z.number().int(),
  /** Pending message requests. */
  requests: z.number().int(),
});
/** The header badge's counts. */
export type UnreadResponse = z.infer<typeof unreadResponse>;

/** A member the caller blocked. */
export const blockedMemberDto = z.object({ id: z.string(), handle: z.string(), displayName: z.string() });
/** A member the caller blocked. */
export type BlockedMemberDto = z.infer<typeof blockedMemberDto>;

/** `GET /api/v1/blocks` */
export const blockListResponse = z.object({ items: z.array(blockedMemberDto) });
/** The members the caller blocked. */
export type BlockListResponse = z.infer<typeof blockListResponse>;

/** `POST /api/v1/blocks`: the member now blocked. */
export const blockResponse = z.object({ member: blockedMemberDto });
/** The member now blocked. */
export type BlockResponse = z.infer<typeof blockResponse>;

/** `GET` and `PUT /api/v1/me/messaging`: who may start a conversation with the member. */
export const messagingSettingsDto = z.object({ whoCanMessage: z.enum(WHO_CAN_MESSAGE) });

/** The parameters of a path naming one message of one conversation. */
export const messageParams = z.object({ id: idParamSchema, messageId: idParamSchema });

/** The parameters of a path naming a blocked member. */
export const blockedMemberParams = z.object({ memberId: idParamSchema });

/** Errors of sending a message beyond the common ones: the request is pending, declined or out of reach. */
const SEND_ERRORS = ['message_request_pending', 'message_request_declined', 'messaging_not_allowed'] as const;

/** Conversations: the inbox and requests, starting one, answering a request, membership, mute, read marks. */
export const conversationApi = {
  list: route({
    method: 'GET',
    path: '/conversations',
    summary: 'The member\u2019s conversations (inbox or message requests), latest activity first.',
    access: 'member',
    query: conversationListSchema,
    response: conversationListResponse,
  }),
  unread: route({
    method: 'GET',
    path: '/conversations/unread',
    summary: 'Unread messages and pending message requests, for the header badge.',
    access: 'member',
    response: unreadResponse,
  }),
  start: route({
    method: 'POST',
    path: '/conversations',
    summary:
      'Starts a conversation, optionally with its first message; a direct one that exists is answered with 200.',
    access: 'member',
    publishes: true,
    body: startConversationSchema,
    response: conversationResponse,
    status: 201,
    repeatStatus: 200,
    errors: ['conversation_full', ...SEND_ERRORS],
    rateLimit: 'messaging',
  }),
  view: route({
    method: 'GET',
    path: '/conversations/:id',
    summary: 'One conversation the member is in.',
    access: 'member',
    params: idParams,
    response: conversationResponse,
  }),
  accept: route({
    method: 'POST',
    path: '/conversations/:id/accept',
    summary: 'Accepts a message request: the member may reply from then on.',
    access: 'member',
    params: idParams,
    response: conversationResponse,
  }),
  decline: route({
    method: 'POST',
    path: '/conversations/:id/decline',
    summary: 'Declines a message request: the member leaves it, and a direct one takes no more messages.',
    access: 'member',
    params: idParams,
    response: null,
    status: 204,
  }),
  leave: route({
    method: 'POST',
    path: '/conversations/:id/leave',
    summary: 'Leaves a group conversation.',
    access: 'member',
    params: idParams,
    response: null,
    status: 204,
    errors: ['conversation_not_group'],
  }),
  addMembers: route({
    method: 'POST',
    path: '/conversations/:id/members',
    summary: 'Adds people to a group; they see what is said from then on.',
    access: 'member',
    params: idParams,
    body: addMembersSchema,
    response: conversationResponse,
    errors: [
      'conversation_not_group',
      'message_request_pending',
      'conversation_full',
      'messaging_not_allowed',
    ],
  }),
  mute: route({
    method: 'PUT',
    path: '/conversations/:id/mute',
    summary: 'Mutes or unmutes a conversation: a muted one does not count in the header badge.',
    access: 'member',
    params: idParams,
    body: muteSchema,
    response: conversationResponse,
  }),
  read: route({
    method: 'POST',
    path: '/conversations/:id/read',
    summary: 'Moves the member\u2019s read mark forward to a message.',
    access: 'member',
    params: idParams,
    body: markReadSchema,
    response: null,
    status: 204,
  }),
};

/** Messages of a conversation: history and catching up, sending, editing, deleting, reporting. */
export const messageApi = {
  list: route({
    method: 'GET',
    path: '/conversations/:id/messages',
    summary:
      'A page of a conversation\u2019s messages: the latest, older history, or everything after a seq.',
    access: 'member',
    params: idParams,
    query: messagePageSchema,
    response: messagePageResponse,
  }),
  send: route({
    method: 'POST',
    path: '/conversations/:id/messages',
    summary:
      'Sends a message; a retry with the same client key answers the stored message with 200 and sends nothing.',
    access: 'member',
    publishes: true,
    params: idParams,
    body: sendMessageSchema,
    response: messageResponse,
    status: 201,
    repeatStatus: 200,
    errors: SEND_ERRORS,
    rateLimit: 'messaging',
  }),
  edit: route({
    method: 'PATCH',
    path: '/conversations/:id/messages/:messageId',
    summary: 'Edits one\u2019s own message within the edit window.',
    access: 'member',
    params: messageParams,
    body: editMessageSchema,
    response: messageResponse,
    errors: ['message_edit_window_passed'],
  }),
  remove: route({
    method: 'DELETE',
    path: '/conversations/:id/messages/:messageId',
    summary: 'Deletes one\u2019s own message: it keeps its place, shown as deleted.',
    access: 'member',
    params: messageParams,
    response: messageResponse,
  }),
  report: route({
    method: 'POST',
    path: '/conversations/:id/messages/:messageId/report',
    summary: 'Reports one message to the moderators (a copy of it alone, never the conversation).',
    access: 'member',
    params: messageParams,
    body: reportMessageSchema,
    response: messageReportResponse,
    status: 201,
    errors: ['already_reported'],
  }),
};

/** Blocks, and who may start a conversation with the member. */
export const messagingPrivacyApi = {
  blocks: route({
    method: 'GET',
    path: '/blocks',
    summary: 'The members the signed-in member blocked, latest first.',
    access: 'member',
    response: blockListResponse,
  }),
  block: route({
    method: 'POST',
    path: '/blocks',
    summary: 'Blocks a member: no messages or requests between them either way from then on.',
    access: 'member',
    body: blockSchema,
    response: blockResponse,
    status: 201,
  }),
  unblock: route({
    method: 'DELETE',
    path: '/blocks/:memberId',
    summary: 'Lifts a block (lifting one that does not exist changes nothing).',
    access: 'member',
    params: blockedMemberParams,
    response: null,
    status: 204,
  }),
  settings: route({
    method: 'GET',
    path: '/me/messaging',
    summary: 'Who may start a conversation with the member.',
    access: 'member',
    response: messagingSettingsDto,
  }),
  saveSettings: route({
    method: 'PUT',
    path: '/me/messaging',
    summary: 'Changes who may start a conversation with the member.',
    access: 'member',
    body: messagingSettingsSchema,
    response: messagingSettingsDto,
  }),
};
