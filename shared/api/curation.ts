import { z } from '../zod';
import { MODERATION_LIMITS, PIN_SCOPES } from '../moderation';
import { idParams, route } from '../contract';
import { FORUM_LIMITS, threadDto, threadTag, threadTitle } from './threads';

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
export const curationResponse = z.object({ thread: threadDto });
/** Answer of every curation action: the thread as it is now. */
export type CurationResponse = z.infer<typeof curationResponse>;

/** `GET /api/v1/threads/featured`: featured threads the reader may read, most recently featured first. */
export const featuredThreadsResponse = z.object({
  items: z.array(threadDto),
  nextCursor: z.string().nullable(),
});
/** `GET /api/v1/threads/featured` */
export type FeaturedThreadsResponse = z.infer<typeof featuredThreadsResponse>;

/**
 * Moderators' thread tools (staff with a second factor; the service checks the moderator's categories),
 * each answering with the thread as it is now, and the public list of featured threads.
 */
export const curationApi = {
  featured: route({
    method: 'GET',
    path: '/threads/featured',
    summary: 'Featured threads the reader may read, most recently featured first.',
    access: 'public',
    query: featuredQuerySchema,
    response: featuredThreadsResponse,
  }),
  pin: route({
    method: 'POST',
    path: '/moderation/threads/:id/pin',
    summary: 'Pins a thread first in its category or first on every list.',
    access: 'staff',
    params: idParams,
    body: pinThreadSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  unpin: route({
    method: 'POST',
    path: '/moderation/threads/:id/unpin',
    summary: 'Unpins a thread.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  feature: route({
    method: 'POST',
    path: '/moderation/threads/:id/feature',
    summary: 'Features a thread on the home page.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  unfeature: route({
    method: 'POST',
    path: '/moderation/threads/:id/unfeature',
    summary: 'Stops featuring a thread.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  lock: route({
    method: 'POST',
    path: '/moderation/threads/:id/lock',
    summary: 'Locks a thread: only moderators may still reply.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  unlock: route({
    method: 'POST',
    path: '/moderation/threads/:id/unlock',
    summary: 'Unlocks a thread.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  close: route({
    method: 'POST',
    path: '/moderation/threads/:id/close',
    summary: 'Closes a question as answered; it still takes replies.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged', 'not_a_question'],
  }),
  reopen: route({
    method: 'POST',
    path: '/moderation/threads/:id/reopen',
    summary: 'Reopens a closed question.',
    access: 'staff',
    params: idParams,
    body: curationReasonSchema,
    response: curationResponse,
    errors: ['thread_merged', 'not_a_question'],
  }),
  slowMode: route({
    method: 'POST',
    path: '/moderation/threads/:id/slow-mode',
    summary: 'Sets slow mode: one post per member per so many minutes (0 turns it off).',
    access: 'staff',
    params: idParams,
    body: slowModeSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  edit: route({
    method: 'PATCH',
    path: '/moderation/threads/:id',
    summary: 'Retitles or retags a thread.',
    access: 'staff',
    params: idParams,
    body: editThreadSchema,
    response: curationResponse,
    errors: ['thread_merged'],
  }),
  move: route({
    method: 'POST',
    path: '/moderation/threads/:id/move',
    summary: 'Moves a thread to another category the moderator moderates.',
    access: 'staff',
    params: idParams,
    body: moveThreadSchema,
    response: curationResponse,
    errors: ['thread_merged', 'category_archived'],
  }),
  merge: route({
    method: 'POST',
    path: '/moderation/threads/:id/merge',
    summary: 'Merges a thread\u2019s posts into another thread; answers with the target thread.',
    access: 'staff',
    params: idParams,
    body: mergeThreadSchema,
    response: curationResponse,
    errors: ['thread_merged', 'category_archived'],
  }),
};
