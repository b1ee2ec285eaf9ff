import { z } from 'zod';
import { MODERATION_LIMITS, PIN_SCOPES } from '../moderation';
import { FORUM_LIMITS, threadTag, threadTitle, type ThreadDto } from './threads';

/** Slow-mode intervals offered to moderators, in minutes; 0 turns slow mode off. */
export const SLOW_MODE_CHOICES = [0, 1, 5, 15, 60] as const;

/** Featured threads one request may load. */
export const FEATURED_LIMITS = { pageDefault: 6, pageMax: 30 } as const;

/** What the moderator wrote about an action: optional, shown on the public moderation log. */
const reason = z
  .string()
  .trim()
  .max(MODERATION_LIMITS.reasonMax)
  .optional()
  .transform((value) => (value ? value : undefined));

/** Body of actions that take only a reason: unpin, feature, unfeature, lock, unlock, close, reopen. */
export const curationReasonSchema = z.strictObject({ reason });
/** Body of `POST /api/v1/moderation/threads/:id/{unpin,feature,unfeature,lock,unlock,close,reopen}`. */
export type CurationReasonRequest = z.input<typeof curationReasonSchema>;

/** `POST /api/v1/moderation/threads/:id/pin`: first in its category, or first on every list. */
export const pinThreadSchema = z.strictObject({ scope: z.enum(PIN_SCOPES), reason });
/** Body of `POST /api/v1/moderation/threads/:id/pin`. */
export type PinThreadRequest = z.input<typeof pinThreadSchema>;

/** `POST /api/v1/moderation/threads/:id/move` */
export const moveThreadSchema = z.strictObject({ categoryId: z.uuid(), reason });
/** Body of `POST /api/v1/moderation/threads/:id/move`. */
export type MoveThreadRequest = z.input<typeof moveThreadSchema>;

/** `POST /api/v1/moderation/threads/:id/merge`: this thread's posts go into `targetId`. */
export const mergeThreadSchema = z.strictObject({ targetId: z.uuid(), reason });
/** Body of `POST /api/v1/moderation/threads/:id/merge`. */
export type MergeThreadRequest = z.input<typeof mergeThreadSchema>;

/** `PATCH /api/v1/moderation/threads/:id`: a moderator retitles or retags a thread. */
export const editThreadSchema = z
  .strictObject({
    title: threadTitle.optional(),
    tags: z
      .array(threadTag)
      .max(FORUM_LIMITS.tagsMax)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    reason,
  })
  .refine((b) => b.title !== undefined || b.tags !== undefined, { path: ['title'] });
/** Body of `PATCH /api/v1/moderation/threads/:id`. */
export type EditThreadRequest = z.input<typeof editThreadSchema>;

/** `POST /api/v1/moderation/threads/:id/slow-mode`: one post per member per `minutes`; 0 is off. */
export const slowModeSchema = z.strictObject({
  minutes: z.number().int().min(0).max(MODERATION_LIMITS.slowModeMinutesMax),
  reason,
});
/** Body of `POST /api/v1/moderation/threads/:id/slow-mode`. */
export type SlowModeRequest = z.input<typeof slowModeSchema>;

/** Query of `GET /api/v1/threads/featured`. */
export const featuredQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FEATURED_LIMITS.pageMax).default(FEATURED_LIMITS.pageDefault),
});

/** Answer of every curation action: the thread as it is now. */
export interface CurationResponse {
  thread: ThreadDto;
}

/** `GET /api/v1/threads/featured`: featured threads the reader may read, most recently featured first. */
export interface FeaturedThreadsResponse {
  items: ThreadDto[];
  nextCursor: string | null;
}
