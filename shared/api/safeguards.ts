import { z } from 'zod';
import { LOCALES, type Locale, type Sector } from '../constants';
import {
  MODERATION_LIMITS,
  WATCHED_WORD_ACTIONS,
  type HiddenReason,
  type WatchedWordAction,
} from '../moderation';

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
export interface ApplicationDto {
  id: string;
  handle: string;
  displayName: string;
  email: string;
  locale: Locale;
  country: string | null;
  sector: Sector | null;
  organization: string | null;
  headline: string | null;
  /** Why they want to join, as written at registration. */
  note: string | null;
  createdAt: string;
}

/** `GET /api/v1/moderation/applications` */
export interface ApplicationListResponse {
  items: ApplicationDto[];
  nextCursor: string | null;
}

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
export interface WatchedWordDto {
  id: string;
  lang: Locale;
  word: string;
  action: WatchedWordAction;
  createdAt: string;
}

/** `GET /api/v1/moderation/watched-words` */
export interface WatchedWordListResponse {
  items: WatchedWordDto[];
}

/** `GET /api/v1/moderation/held-posts?threadId=`: open safeguard items, newest first. */
export const heldPostsQuerySchema = z.strictObject({
  threadId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** A post the safeguards queued (waiting for review, or published and flagged by a watched word). */
export interface HeldPostDto {
  /** The queue item's id, for approve and reject. */
  id: string;
  kind: 'new_member_post' | 'watched_word';
  postId: string;
  threadId: string;
  title: string;
  /** Whether readers do not see it until approved. */
  held: boolean;
  words: string[];
  /** The version of the text the queue shows, to send with an approval. */
  version: number;
  createdAt: string;
}

/** `GET /api/v1/moderation/held-posts` */
export interface HeldPostListResponse {
  items: HeldPostDto[];
}

/** The answer to a moderator's approve or reject of a queue item. */
export interface ItemDecisionResponse {
  id: string;
  status: 'resolved';
  resolution: 'approved' | 'rejected';
}
