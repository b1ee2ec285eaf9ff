import { z } from '../zod';
import { LOCALES, SECTORS } from '../constants';
import { MODERATION_LIMITS, WATCHED_WORD_ACTIONS, type HiddenReason } from '../moderation';
import { idParams, route } from '../contract';

export type { HiddenReason };

/** Limits of the safeguards' inputs, shared by validation, constraints and forms. */
export const SAFEGUARD_LIMITS = {
  /** "Why I want to join", asked at registration while membership needs approval. */
  applicationNoteMax: 1000,
  /** Accounts younger than this many hours may put only a few links (`NEW_ACCOUNT_MAX_LINKS`) in a post. */
  newAccountHours: 24,
} as const;

/** `POST /api/v1/moderation/applications/:id/decline` */
export const declineApplicationSchema = z.strictObject({
  reason: z.string().trim().min(1).max(MODERATION_LIMITS.reasonMax),
});

/** Body of a decline. */
export type DeclineApplicationRequest = z.infer<typeof declineApplicationSchema>;

/**
 * `POST /api/v1/moderation/items/:id/approve`: the version of the content the moderator read (the item
 * page's `snapshot.version`, a held post's `version`); an edit since then answers 409 `item_changed`.
 */
export const approveItemSchema = z.strictObject({
  version: z.number().int().min(1),
});

/** Body of an approval. */
export type ApproveItemRequest = z.infer<typeof approveItemSchema>;

/** `POST /api/v1/moderation/items/:id/reject`: the reason the author is told. */
export const rejectItemSchema = z.strictObject({
  reason: z.string().trim().min(1).max(MODERATION_LIMITS.reasonMax),
});

/** Body of a rejection. */
export type RejectItemRequest = z.infer<typeof rejectItemSchema>;

/** A pending applicant as moderators review them. */
export const applicationDto = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  email: z.string(),
  locale: z.enum(LOCALES),
  country: z.string().nullable(),
  sector: z.enum(SECTORS).nullable(),
  organization: z.string().nullable(),
  headline: z.string().nullable(),
  /** Why they want to join, as written at registration. */
  note: z.string().nullable(),
  createdAt: z.string(),
});
/** A pending applicant as moderators review them. */
export type ApplicationDto = z.infer<typeof applicationDto>;

/** `GET /api/v1/moderation/applications` */
export const applicationListResponse = z.object({
  items: z.array(applicationDto),
  nextCursor: z.string().nullable(),
});
/** A page of pending applicants. */
export type ApplicationListResponse = z.infer<typeof applicationListResponse>;

/** `POST /api/v1/moderation/applications/:id/approve`: the applicant is an active member now. */
export const applicationApproved = z.object({ id: z.string(), status: z.literal('active') });

/** `POST /api/v1/moderation/applications/:id/decline`: the account stays pending, marked declined. */
export const applicationDeclined = z.object({
  id: z.string(),
  status: z.literal('pending'),
  declined: z.literal(true),
});

/** Query of the applications list. */
export const applicationListQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `GET /api/v1/moderation/watched-words?lang=` */
export const watchedWordListQuerySchema = z.strictObject({
  lang: z.enum(LOCALES).optional(),
});

/** `POST /api/v1/moderation/watched-words` */
export const createWatchedWordSchema = z.strictObject({
  lang: z.enum(LOCALES),
  word: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(MODERATION_LIMITS.watchedWordMax)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}' -]*$/u),
  action: z.enum(WATCHED_WORD_ACTIONS),
});

/** Body of a new watched word. */
export type CreateWatchedWordRequest = z.infer<typeof createWatchedWordSchema>;

/** One watched word. */
export const watchedWordDto = z.object({
  id: z.string(),
  lang: z.enum(LOCALES),
  word: z.string(),
  action: z.enum(WATCHED_WORD_ACTIONS),
  createdAt: z.string(),
});
/** One watched word. */
export type WatchedWordDto = z.infer<typeof watchedWordDto>;

/** `GET /api/v1/moderation/watched-words` */
export const watchedWordListResponse = z.object({ items: z.array(watchedWordDto) });
/** The watched words of a language, or of all. */
export type WatchedWordListResponse = z.infer<typeof watchedWordListResponse>;

/** `POST /api/v1/moderation/watched-words` answers the word added. */
export const watchedWordResponse = z.object({ word: watchedWordDto });

/** `GET /api/v1/moderation/held-posts?threadId=`: open safeguard items, newest first. */
export const heldPostsQuerySchema = z.strictObject({
  threadId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** A post the safeguards queued (waiting for review, or published and flagged by a watched word). */
export const heldPostDto = z.object({
  /** The queue item's id, for approve and reject. */
  id: z.string(),
  kind: z.enum(['new_member_post', 'watched_word']),
  postId: z.string(),
  threadId: z.string(),
  title: z.string(),
  /** Whether readers do not see it until approved. */
  held: z.boolean(),
  words: z.array(z.string()),
  /** The version of the text the queue shows, to send with an approval. */
  version: z.number().int(),
  createdAt: z.string(),
});
/** A post the safeguards queued. */
export type HeldPostDto = z.infer<typeof heldPostDto>;

/** `GET /api/v1/moderation/held-posts` */
export const heldPostListResponse = z.object({ items: z.array(heldPostDto) });
/** The posts the safeguards queued. */
export type HeldPostListResponse = z.infer<typeof heldPostListResponse>;

/** The answer to a moderator's approve or reject of a queue item. */
export const itemDecisionResponse = z.object({
  id: z.string(),
  status: z.literal('resolved'),
  resolution: z.enum(['approved', 'rejected']),
});
/** The answer to a moderator's approve or reject of a queue item. */
export type ItemDecisionResponse = z.infer<typeof itemDecisionResponse>;

/**
 * Staff routes of the safeguards: membership applications, decisions on posts the safeguards queued,
 * and the watched words. The services check scope (applications and words are for moderators of every
 * category).
 */
export const safeguardApi = {
  applications: route({
    method: 'GET',
    path: '/moderation/applications',
    summary: 'A page of pending membership applications, oldest first.',
    access: 'staff',
    query: applicationListQuerySchema,
    response: applicationListResponse,
  }),
  approveApplication: route({
    method: 'POST',
    path: '/moderation/applications/:id/approve',
    summary: 'Approves an applicant: they become an active member and are told so.',
    access: 'staff',
    params: idParams,
    response: applicationApproved,
  }),
  declineApplication: route({
    method: 'POST',
    path: '/moderation/applications/:id/decline',
    summary: 'Declines an applicant, e-mailing them the reason; the account stays pending.',
    access: 'staff',
    params: idParams,
    body: declineApplicationSchema,
    response: applicationDeclined,
  }),
  heldPosts: route({
    method: 'GET',
    path: '/moderation/held-posts',
    summary: 'Open safeguard items on posts the caller moderates (of one thread, when asked), newest first.',
    access: 'staff',
    query: heldPostsQuerySchema,
    response: heldPostListResponse,
  }),
  approveItem: route({
    method: 'POST',
    path: '/moderation/items/:id/approve',
    summary: 'Publishes a held post (or keeps a flagged one), naming the version read; closes its item.',
    access: 'staff',
    params: idParams,
    body: approveItemSchema,
    response: itemDecisionResponse,
    errors: ['item_closed', 'item_changed'],
  }),
  rejectItem: route({
    method: 'POST',
    path: '/moderation/items/:id/reject',
    summary: 'Removes a queued post and tells its author why; closes its item.',
    access: 'staff',
    params: idParams,
    body: rejectItemSchema,
    response: itemDecisionResponse,
    errors: ['item_closed'],
  }),
  watchedWords: route({
    method: 'GET',
    path: '/moderation/watched-words',
    summary: 'The watched words of one language, or of all.',
    access: 'staff',
    query: watchedWordListQuerySchema,
    response: watchedWordListResponse,
  }),
  addWatchedWord: route({
    method: 'POST',
    path: '/moderation/watched-words',
    summary: 'Watches a word in one language: posts with it are blocked, held for approval or flagged.',
    access: 'staff',
    body: createWatchedWordSchema,
    response: watchedWordResponse,
    status: 201,
    errors: ['watched_word_exists'],
  }),
  removeWatchedWord: route({
    method: 'DELETE',
    path: '/moderation/watched-words/:id',
    summary: 'Stops watching a word.',
    access: 'staff',
    params: idParams,
    response: null,
    status: 204,
  }),
};
