import { z } from '../zod';
import {
  FLAG_REASONS,
  FLAG_TARGETS,
  MODERATION_LIMITS,
  NOTICE_KINDS,
  QUEUE_ITEM_KINDS,
  QUEUE_STATUSES,
  QUEUE_TARGETS,
  SUSPENSION_DAYS,
  type NoticeKind,
} from '../moderation';
import { idParams, route } from '../contract';

/**
 * Every action name the audit log records for moderation and curation. The public log and the audit
 * page label each one (`moderation:actions.<name>`).
 */
export const MODERATION_ACTIONS = [
  'post.hide',
  'post.unhide',
  'post.delete',
  'post.restore',
  'post.edit',
  'post.approve',
  'post.reject',
  'thread.hide',
  'thread.unhide',
  'thread.delete',
  'thread.restore',
  'thread.pin',
  'thread.unpin',
  'thread.feature',
  'thread.unfeature',
  'thread.lock',
  'thread.unlock',
  'thread.move',
  'thread.merge',
  'thread.edit',
  'thread.close',
  'thread.reopen',
  'thread.slow_mode',
  'message.hide',
  'message.delete',
  'profile.hide',
  'member.warn',
  'member.suspend',
  'member.reinstate',
  'member.approve',
  'member.decline',
  'member.role',
  'member.scopes',
  'flag.dismiss',
  'item.assign',
  'item.note',
  'appeal.uphold',
  'appeal.overturn',
  'watched_word.add',
  'watched_word.remove',
] as const;
/** A moderation or curation action recorded in the audit log. */
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const uuid = z.uuid();
const reasonText = z.string().trim().min(1).max(MODERATION_LIMITS.reasonMax);

/** `POST /api/v1/flags` */
export const createFlagSchema = z.strictObject({
  targetType: z.enum(FLAG_TARGETS),
  targetId: uuid,
  reason: z.enum(FLAG_REASONS),
  note: z.string().trim().max(MODERATION_LIMITS.flagNoteMax).optional(),
});
/** A flag as sent. */
export type CreateFlagRequest = z.infer<typeof createFlagSchema>;
/** What a flag answers: the flag's id (the queue item is for staff). */
export const createFlagResponse = z.object({
  flag: z.object({
    id: z.string(),
    targetType: z.enum(FLAG_TARGETS),
    targetId: z.string(),
    reason: z.enum(FLAG_REASONS),
    createdAt: z.string(),
  }),
});
/** What a flag answers. */
export type CreateFlagResponse = z.infer<typeof createFlagResponse>;

/** `GET /api/v1/moderation/queue` */
export const queueQuerySchema = z.strictObject({
  status: z.enum([...QUEUE_STATUSES, 'active']).default('active'),
  kind: z.enum(QUEUE_ITEM_KINDS).optional(),
  targetType: z.enum(QUEUE_TARGETS).optional(),
  assigned: z.enum(['me', 'unassigned', 'any']).default('any'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** Queue filters. */
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** A member as staff pages name them. */
export const moderationPerson = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
});
/** A member as staff pages name them. */
export type ModerationPerson = z.infer<typeof moderationPerson>;

/** The outcome of an appeal, once decided. */
const appealOutcome = z.enum(['upheld', 'overturned']).nullable();

/** What moderators see of the target: a copy taken when the item opened, and the target's state now. */
export const moderationSnapshot = z.object({
  /** Title of the thread (posts and threads); absent for messages, profiles and members. */
  title: z.string().optional(),
  /** The text under review, as sanitized HTML; for a message, that message only. */
  html: z.string().optional(),
  source: z.string().optional(),
  author: moderationPerson.nullable().optional(),
  /** When the content was written (or the message sent). */
  writtenAt: z.string().optional(),
  threadId: z.string().optional(),
  postId: z.string().optional(),
  /** For appeals: the notice and what the member wrote. */
  notice: z
    .object({
      id: z.string(),
      kind: z.enum(NOTICE_KINDS),
      reason: z.string(),
      endsAt: z.string().nullable(),
      targetType: z.enum(QUEUE_TARGETS),
      targetId: z.string(),
    })
    .optional(),
  appeal: z.object({ id: z.string(), body: z.string(), outcome: appealOutcome }).optional(),
  /** For posts the safeguards queued: which version of the text this is, to send with an approval. */
  version: z.number().int().optional(),
});
/** What moderators see of the target. */
export type ModerationSnapshot = z.infer<typeof moderationSnapshot>;

/** The target's current state. */
export const moderationTargetState = z.object({
  exists: z.boolean(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  /** For members (and the subject of any item): their account status. */
  memberStatus: z.enum(['pending', 'active', 'suspended']).nullable().optional(),
  suspendedUntil: z.string().nullable().optional(),
});
/** The target's current state. */
export type ModerationTargetState = z.infer<typeof moderationTargetState>;

/** A queue row. */
export const queueItemDto = z.object({
  id: z.string(),
  kind: z.enum(QUEUE_ITEM_KINDS),
  targetType: z.enum(QUEUE_TARGETS),
  targetId: z.string(),
  status: z.enum(QUEUE_STATUSES),
  flagCount: z.number().int(),
  reasons: z.array(z.enum(FLAG_REASONS)),
  subject: moderationPerson.nullable(),
  assignee: moderationPerson.nullable(),
  categoryId: z.string().nullable(),
  /** A short excerpt of the snapshot (plain text). */
  excerpt: z.string(),
  title: z.string().nullable(),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A queue row. */
export type QueueItemDto = z.infer<typeof queueItemDto>;

/** A page of the queue. */
export const queuePage = z.object({
  items: z.array(queueItemDto),
  nextCursor: z.string().nullable(),
});
/** A page of the queue. */
export type QueuePage = z.infer<typeof queuePage>;

/** One reporter's flag, as staff see it. */
export const flagDto = z.object({
  id: z.string(),
  reason: z.enum(FLAG_REASONS),
  note: z.string().nullable(),
  reporter: moderationPerson.nullable(),
  createdAt: z.string(),
});
/** One reporter's flag, as staff see it. */
export type FlagDto = z.infer<typeof flagDto>;

/** An internal note. */
export const moderationNoteDto = z.object({
  id: z.string(),
  body: z.string(),
  author: moderationPerson.nullable(),
  createdAt: z.string(),
});
/** An internal note. */
export type ModerationNoteDto = z.infer<typeof moderationNoteDto>;

/** `POST /api/v1/moderation/items/:id/notes` answers the note. */
export const noteResponse = z.object({ note: moderationNoteDto });

/** An audit entry. */
export const auditEntryDto = z.object({
  id: z.string(),
  action: z.string(),
  actor: moderationPerson.nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});
/** An audit entry. */
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

/** The item page. */
export const queueItemDetail = z.object({
  item: queueItemDto,
  snapshot: moderationSnapshot,
  state: moderationTargetState,
  /** Reasons with how many members chose each. */
  reasonCounts: z.array(z.object({ reason: z.enum(FLAG_REASONS), count: z.number().int() })),
  flags: z.array(flagDto),
  notes: z.array(moderationNoteDto),
  history: z.array(auditEntryDto),
  /** Whether the caller may act on the member (warn, suspend): global moderators and admins. */
  canActOnMember: z.boolean(),
});
/** The item page. */
export type QueueItemDetail = z.infer<typeof queueItemDetail>;

/** `GET /api/v1/moderation/items/:id`, and what each action on an item answers: the item as it is now. */
export const queueItemResponse = z.object({ detail: queueItemDetail });
/** The item page, wrapped. */
export type QueueItemResponse = z.infer<typeof queueItemResponse>;

/** `POST /api/v1/moderation/items/:id/assign` */
export const assignSchema = z.strictObject({
  /** Who takes the item; omitted: the caller. `null` releases it. */
  assigneeId: uuid.nullable().optional(),
});

/** `POST /api/v1/moderation/items/:id/notes` */
export const noteSchema = z.strictObject({
  body: z.string().trim().min(1).max(MODERATION_LIMITS.noteMax),
});

/** Actions taken from an item. */
export const ITEM_ACTIONS = [
  'dismiss',
  'hide',
  'unhide',
  'delete',
  'edit',
  'warn',
  'suspend',
  'reinstate',
  'uphold',
  'overturn',
] as const;
/** An item action. */
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** A reason shown to the member (and on the public log for public content). */
export const reasonSchema = z.strictObject({ reason: reasonText });

/** `POST …/dismiss`, `…/hide`, `…/unhide`, `…/delete`, `…/reinstate`, `…/uphold`, `…/overturn`, `…/warn` */
export const optionalReasonSchema = z.strictObject({ reason: reasonText.optional() });

/** `POST …/edit` */
export const editContentSchema = z.strictObject({
  body: z.string().trim().min(1).max(20000),
  reason: reasonText.optional(),
});

/** `POST …/suspend` and `POST /api/v1/moderation/members/:id/suspend`; `days: null` is indefinite. */
export const suspendSchema = z.strictObject({
  days: z
    .union([z.literal(SUSPENSION_DAYS[0]), ...SUSPENSION_DAYS.slice(1).map((d) => z.literal(d))])
    .nullable(),
  reason: reasonText,
});
/** A suspension request. */
export type SuspendRequest = z.infer<typeof suspendSchema>;

/** `POST …/warn` and `POST /api/v1/moderation/members/:id/warn` */
export const warnSchema = z.strictObject({ reason: reasonText });

/** `GET /api/v1/moderation/audit` */
export const auditQuerySchema = z.strictObject({
  action: z
    .string()
    .max(60)
    .regex(/^[a-z_.]+$/)
    .optional(),
  actorId: uuid.optional(),
  targetType: z
    .string()
    .max(30)
    .regex(/^[a-z_]+$/)
    .optional(),
  targetId: z.string().max(60).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** A page of the audit log. */
export const auditPage = z.object({
  items: z.array(auditEntryDto),
  nextCursor: z.string().nullable(),
});
/** A page of the audit log. */
export type AuditPage = z.infer<typeof auditPage>;

/** `GET /api/v1/moderation-log` */
export const publicLogQuerySchema = z.strictObject({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** One line of the public moderation log. */
export const publicLogEntryDto = z.object({
  id: z.string(),
  action: z.string(),
  targetType: z.string(),
  /** The thread, when the target is in a public category. */
  thread: z.object({ id: z.string(), title: z.string() }).nullable(),
  reason: z.string().nullable(),
  /** The moderator's display name, when the network shows them. */
  moderator: z.string().nullable(),
  createdAt: z.string(),
});
/** One line of the public moderation log. */
export type PublicLogEntryDto = z.infer<typeof publicLogEntryDto>;

/** A page of the public log. */
export const publicLogPage = z.object({
  items: z.array(publicLogEntryDto),
  nextCursor: z.string().nullable(),
});
/** A page of the public log. */
export type PublicLogPage = z.infer<typeof publicLogPage>;

/** A notice as its member sees it. */
export const noticeDto = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  reason: z.string(),
  targetType: z.enum(QUEUE_TARGETS),
  targetId: z.string(),
  /** Thread title of removed content, when known. */
  title: z.string().nullable(),
  endsAt: z.string().nullable(),
  createdAt: z.string(),
  appealable: z.boolean(),
  appeal: z
    .object({ id: z.string(), body: z.string(), outcome: appealOutcome, createdAt: z.string() })
    .nullable(),
});
/** A notice as its member sees it. */
export type NoticeDto = z.infer<typeof noticeDto>;

/** `GET /api/v1/notices` */
export const noticeListResponse = z.object({ items: z.array(noticeDto) });
/** The member's notices. */
export type NoticeListResponse = z.infer<typeof noticeListResponse>;

/** `POST /api/v1/notices/:id/appeal` answers the notice with its appeal. */
export const appealResponse = z.object({ notice: noticeDto });

/** `POST /api/v1/notices/:id/appeal` */
export const appealSchema = z.strictObject({
  body: z.string().trim().min(1).max(MODERATION_LIMITS.appealMax),
});

/** Notice kinds a member may appeal. */
export const APPEALABLE_NOTICES: readonly NoticeKind[] = ['suspension', 'removal'];

/** `GET /api/v1/moderation/moderators`: whom an item can be assigned to. */
export const moderatorListResponse = z.object({ items: z.array(moderationPerson) });
/** Whom an item can be assigned to. */
export type ModeratorListResponse = z.infer<typeof moderatorListResponse>;

/** What a member-level action (warn, suspend, reinstate outside any item) answers. */
export const memberActionResponse = z.object({ ok: z.literal(true) });

export {
  FLAG_REASONS,
  FLAG_TARGETS,
  NOTICE_KINDS,
  QUEUE_ITEM_KINDS,
  QUEUE_STATUSES,
  QUEUE_TARGETS,
  SUSPENSION_DAYS,
};

/** Errors an action on a queue item may answer: it does not apply to this item, or the item is closed. */
const ITEM_ACTION_ERRORS = ['action_not_applicable', 'item_closed'] as const;

/** The members' side of moderation: flags, their own notices and appeals, and the public log. */
export const memberModerationApi = {
  flag: route({
    method: 'POST',
    path: '/flags',
    summary: 'Flags a post, a thread, a message or a profile for the moderators.',
    access: 'member',
    body: createFlagSchema,
    response: createFlagResponse,
    status: 201,
    errors: ['flag_own_content', 'already_flagged'],
  }),
  notices: route({
    method: 'GET',
    path: '/notices',
    summary:
      'The signed-in member\u2019s moderation notices (warnings, suspensions, removals), newest first.',
    access: 'member',
    response: noticeListResponse,
  }),
  appeal: route({
    method: 'POST',
    path: '/notices/:id/appeal',
    summary: 'Appeals a suspension or a removal, once.',
    access: 'member',
    params: idParams,
    body: appealSchema,
    response: appealResponse,
    status: 201,
    errors: ['not_appealable', 'already_appealed'],
  }),
  publicLog: route({
    method: 'GET',
    path: '/moderation-log',
    summary: 'The public moderation log: actions on public content, and suspensions without names.',
    access: 'public',
    query: publicLogQuerySchema,
    response: publicLogPage,
  }),
};

/** The staff side of moderation: the review queue, its items and their actions, members, the audit log. */
export const moderationApi = {
  queue: route({
    method: 'GET',
    path: '/moderation/queue',
    summary: 'A page of the review queue within the caller\u2019s categories, newest first, filtered.',
    access: 'staff',
    query: queueQuerySchema,
    response: queuePage,
  }),
  moderators: route({
    method: 'GET',
    path: '/moderation/moderators',
    summary: 'The moderators and admins an item can be assigned to.',
    access: 'staff',
    response: moderatorListResponse,
  }),
  item: route({
    method: 'GET',
    path: '/moderation/items/:id',
    summary: 'One queue item: its snapshot, the target\u2019s state, flags, notes and history.',
    access: 'staff',
    params: idParams,
    response: queueItemResponse,
  }),
  assign: route({
    method: 'POST',
    path: '/moderation/items/:id/assign',
    summary: 'Assigns an item (to the caller unless named; `null` releases it).',
    access: 'staff',
    params: idParams,
    body: assignSchema,
    response: queueItemResponse,
    errors: ['item_closed'],
  }),
  note: route({
    method: 'POST',
    path: '/moderation/items/:id/notes',
    summary: 'Adds an internal note to an item (never shown to members).',
    access: 'staff',
    params: idParams,
    body: noteSchema,
    response: noteResponse,
    status: 201,
  }),
  dismiss: route({
    method: 'POST',
    path: '/moderation/items/:id/dismiss',
    summary: 'Closes an item with nothing wrong found; content hidden by flags comes back.',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  hide: route({
    method: 'POST',
    path: '/moderation/items/:id/hide',
    summary: 'Hides the item\u2019s post or thread from readers and closes the item.',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  unhide: route({
    method: 'POST',
    path: '/moderation/items/:id/unhide',
    summary: 'Shows the item\u2019s hidden post or thread again.',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  delete: route({
    method: 'POST',
    path: '/moderation/items/:id/delete',
    summary: 'Deletes the item\u2019s content, tells its author with a removal notice, and closes the item.',
    access: 'staff',
    params: idParams,
    body: reasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  edit: route({
    method: 'POST',
    path: '/moderation/items/:id/edit',
    summary: 'Rewrites the item\u2019s post (the previous text stays a revision) and closes the item.',
    access: 'staff',
    params: idParams,
    body: editContentSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  warn: route({
    method: 'POST',
    path: '/moderation/items/:id/warn',
    summary: 'Warns the item\u2019s subject and closes the item (moderators of every category).',
    access: 'staff',
    params: idParams,
    body: warnSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  suspend: route({
    method: 'POST',
    path: '/moderation/items/:id/suspend',
    summary: 'Suspends the item\u2019s subject and closes the item (moderators of every category).',
    access: 'staff',
    params: idParams,
    body: suspendSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  reinstate: route({
    method: 'POST',
    path: '/moderation/items/:id/reinstate',
    summary: 'Ends the suspension of the item\u2019s subject (moderators of every category).',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  uphold: route({
    method: 'POST',
    path: '/moderation/items/:id/uphold',
    summary: 'Decides an appeal: the suspension or removal stands.',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  overturn: route({
    method: 'POST',
    path: '/moderation/items/:id/overturn',
    summary: 'Decides an appeal: the suspension or removal is undone.',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: queueItemResponse,
    errors: ITEM_ACTION_ERRORS,
  }),
  warnMember: route({
    method: 'POST',
    path: '/moderation/members/:id/warn',
    summary: 'Warns a member outside any item (moderators of every category).',
    access: 'staff',
    params: idParams,
    body: warnSchema,
    response: memberActionResponse,
  }),
  suspendMember: route({
    method: 'POST',
    path: '/moderation/members/:id/suspend',
    summary: 'Suspends a member outside any item (moderators of every category).',
    access: 'staff',
    params: idParams,
    body: suspendSchema,
    response: memberActionResponse,
  }),
  reinstateMember: route({
    method: 'POST',
    path: '/moderation/members/:id/reinstate',
    summary: 'Ends a member\u2019s suspension outside any item (moderators of every category).',
    access: 'staff',
    params: idParams,
    body: optionalReasonSchema,
    response: memberActionResponse,
    errors: ['action_not_applicable'],
  }),
  audit: route({
    method: 'GET',
    path: '/moderation/audit',
    summary: 'A page of the audit log, newest first, filtered (scoped moderators: their categories only).',
    access: 'staff',
    query: auditQuerySchema,
    response: auditPage,
  }),
};
