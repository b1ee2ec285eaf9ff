import { z } from 'zod';
import {
  FLAG_REASONS,
  FLAG_TARGETS,
  MODERATION_LIMITS,
  NOTICE_KINDS,
  QUEUE_ITEM_KINDS,
  QUEUE_STATUSES,
  QUEUE_TARGETS,
  SUSPENSION_DAYS,
  type FlagReason,
  type FlagTarget,
  type NoticeKind,
  type QueueItemKind,
  type QueueStatus,
  type QueueTarget,
} from '../moderation';

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
export interface CreateFlagResponse {
  flag: { id: string; targetType: FlagTarget; targetId: string; reason: FlagReason; createdAt: string };
}

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
export interface ModerationPerson {
  id: string;
  handle: string;
  displayName: string;
}

/** What moderators see of the target: a copy taken when the item opened, and the target's state now. */
export interface ModerationSnapshot {
  /** Title of the thread (posts and threads); absent for messages, profiles and members. */
  title?: string;
  /** The text under review, as sanitized HTML; for a message, that message only. */
  html?: string;
  source?: string;
  author?: ModerationPerson | null;
  /** When the content was written (or the message sent). */
  writtenAt?: string;
  threadId?: string;
  postId?: string;
  /** For appeals: the notice and what the member wrote. */
  notice?: {
    id: string;
    kind: NoticeKind;
    reason: string;
    endsAt: string | null;
    targetType: QueueTarget;
    targetId: string;
  };
  appeal?: { id: string; body: string; outcome: 'upheld' | 'overturned' | null };
  /** For posts the safeguards queued: which version of the text this is, to send with an approval. */
  version?: number;
}

/** The target's current state. */
export interface ModerationTargetState {
  exists: boolean;
  hidden: boolean;
  deleted: boolean;
  /** For members (and the subject of any item): their account status. */
  memberStatus?: 'pending' | 'active' | 'suspended' | null;
  suspendedUntil?: string | null;
}

/** A queue row. */
export interface QueueItemDto {
  id: string;
  kind: QueueItemKind;
  targetType: QueueTarget;
  targetId: string;
  status: QueueStatus;
  flagCount: number;
  reasons: FlagReason[];
  subject: ModerationPerson | null;
  assignee: ModerationPerson | null;
  categoryId: string | null;
  /** A short excerpt of the snapshot (plain text). */
  excerpt: string;
  title: string | null;
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A page of the queue. */
export interface QueuePage {
  items: QueueItemDto[];
  nextCursor: string | null;
}

/** One reporter's flag, as staff see it. */
export interface FlagDto {
  id: string;
  reason: FlagReason;
  note: string | null;
  reporter: ModerationPerson | null;
  createdAt: string;
}

/** An internal note. */
export interface ModerationNoteDto {
  id: string;
  body: string;
  author: ModerationPerson | null;
  createdAt: string;
}

/** An audit entry. */
export interface AuditEntryDto {
  id: string;
  action: string;
  actor: ModerationPerson | null;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

/** The item page. */
export interface QueueItemDetail {
  item: QueueItemDto;
  snapshot: ModerationSnapshot;
  state: ModerationTargetState;
  /** Reasons with how many members chose each. */
  reasonCounts: { reason: FlagReason; count: number }[];
  flags: FlagDto[];
  notes: ModerationNoteDto[];
  history: AuditEntryDto[];
  /** Whether the caller may act on the member (warn, suspend): global moderators and admins. */
  canActOnMember: boolean;
}

/** `GET /api/v1/moderation/items/:id` */
export interface QueueItemResponse {
  detail: QueueItemDetail;
}

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
export interface AuditPage {
  items: AuditEntryDto[];
  nextCursor: string | null;
}

/** `GET /api/v1/moderation-log` */
export const publicLogQuerySchema = z.strictObject({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** One line of the public moderation log. */
export interface PublicLogEntryDto {
  id: string;
  action: string;
  targetType: string;
  /** The thread, when the target is in a public category. */
  thread: { id: string; title: string } | null;
  reason: string | null;
  /** The moderator's display name, when the network shows them. */
  moderator: string | null;
  createdAt: string;
}

/** A page of the public log. */
export interface PublicLogPage {
  items: PublicLogEntryDto[];
  nextCursor: string | null;
}

/** A notice as its member sees it. */
export interface NoticeDto {
  id: string;
  kind: NoticeKind;
  reason: string;
  targetType: QueueTarget;
  targetId: string;
  /** Thread title of removed content, when known. */
  title: string | null;
  endsAt: string | null;
  createdAt: string;
  appealable: boolean;
  appeal: { id: string; body: string; outcome: 'upheld' | 'overturned' | null; createdAt: string } | null;
}

/** `GET /api/v1/notices` */
export interface NoticeListResponse {
  items: NoticeDto[];
}

/** `POST /api/v1/notices/:id/appeal` */
export const appealSchema = z.strictObject({
  body: z.string().trim().min(1).max(MODERATION_LIMITS.appealMax),
});

/** Notice kinds a member may appeal. */
export const APPEALABLE_NOTICES: readonly NoticeKind[] = ['suspension', 'removal'];

/** `GET /api/v1/moderation/moderators`: whom an item can be assigned to. */
export interface ModeratorListResponse {
  items: ModerationPerson[];
}

export {
  FLAG_REASONS,
  FLAG_TARGETS,
  NOTICE_KINDS,
  QUEUE_ITEM_KINDS,
  QUEUE_STATUSES,
  QUEUE_TARGETS,
  SUSPENSION_DAYS,
};
