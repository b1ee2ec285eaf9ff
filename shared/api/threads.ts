import type { HiddenReason } from '../moderation';
import { verifiedBadge } from './directory';
import { z } from 'zod';
import { LOCALES, ROLES, type ContentLang, type Locale } from '../constants';
import type { PinScope } from '../moderation';
import { INT32_MAX } from '../validation';

/** Limits of threads and posts, shared by schemas, database constraints and forms. */
export const FORUM_LIMITS = {
  titleMin: 5,
  titleMax: 200,
  bodyMax: 20_000,
  tagsMax: 5,
  tagMax: 30,
  /** Posts one request may load. */
  pageMax: 200,
  pageDefault: 100,
  threadPageDefault: 30,
  threadPageMax: 100,
  /** Depth shown in the threaded view before "continue this thread". */
  visibleDepth: 6,
} as const;

/** Thread kinds. */
export const THREAD_KINDS = ['question', 'discussion'] as const;
/** A thread kind. */
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** The fixed set of reactions. */
export const REACTION_KINDS = ['like', 'helpful', 'insightful', 'thanks'] as const;
/** A reaction kind. */
export type ReactionKind = (typeof REACTION_KINDS)[number];

/** Orders of thread lists. */
export const THREAD_SORTS = ['latest', 'newest', 'active', 'unanswered'] as const;
/** A thread list order. */
export type ThreadSort = (typeof THREAD_SORTS)[number];

/** The two views of a thread. */
export const THREAD_VIEWS = ['threaded', 'chronological'] as const;
/** A thread view. */
export type ThreadView = (typeof THREAD_VIEWS)[number];

/** One tag, normalised to lower-case ASCII with dashes. */
export const threadTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(FORUM_LIMITS.tagMax)
  .transform((value) =>
    value
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  )
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,29}$/));

// NUL cannot be stored in PostgreSQL text and has no meaning in prose: it is dropped.
const withoutNul = (value: string) => value.replaceAll('\u0000', '');

/** Post bodies: the 20 000-character limit is answered with 413 before this schema runs. */
export const postBody = z
  .string()
  .transform(withoutNul)
  .pipe(z.string().trim().min(1).max(FORUM_LIMITS.bodyMax));

/** A thread's title. */
export const threadTitle = z
  .string()
  .transform(withoutNul)
  .pipe(z.string().trim().min(FORUM_LIMITS.titleMin).max(FORUM_LIMITS.titleMax));

/** `POST /api/v1/threads` */
export const createThreadSchema = z.strictObject({
  categoryId: z.uuid(),
  title: threadTitle,
  body: postBody,
  kind: z.enum(THREAD_KINDS),
  tags: z
    .array(threadTag)
    .max(FORUM_LIMITS.tagsMax)
    .default([])
    .transform((tags) => [...new Set(tags)]),
  lang: z.enum(LOCALES).optional(),
});
/** Body of `POST /api/v1/threads`. */
export type CreateThreadRequest = z.input<typeof createThreadSchema>;

/** `PATCH /api/v1/threads/:id`: the author or a moderator edits the title or tags; moderators pin and lock. */
export const updateThreadSchema = z
  .strictObject({
    title: threadTitle.optional(),
    tags: z
      .array(threadTag)
      .max(FORUM_LIMITS.tagsMax)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    pinned: z.boolean().optional(),
    locked: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { path: ['_'] });
/** Body of `PATCH /api/v1/threads/:id`. */
export type UpdateThreadRequest = z.input<typeof updateThreadSchema>;

/** `POST /api/v1/threads/:id/posts` */
export const createPostSchema = z.strictObject({ body: postBody, parentId: z.uuid().optional() });
/** Body of `POST /api/v1/threads/:id/posts`. */
export type CreatePostRequest = z.infer<typeof createPostSchema>;

/** `PATCH /api/v1/posts/:id` */
export const updatePostSchema = z.strictObject({ body: postBody });
/** Body of `PATCH /api/v1/posts/:id`. */
export type UpdatePostRequest = z.infer<typeof updatePostSchema>;

/** `POST /api/v1/posts/:id/reactions`: toggles the member's reaction of that kind. */
export const reactionSchema = z.strictObject({ kind: z.enum(REACTION_KINDS) });
/** Body of `POST /api/v1/posts/:id/reactions`. */
export type ReactionRequest = z.infer<typeof reactionSchema>;

/** `POST /api/v1/threads/:id/accept`: `postId: null` unaccepts. */
export const acceptSchema = z.strictObject({ postId: z.uuid().nullable() });
/** Body of `POST /api/v1/threads/:id/accept`. */
export type AcceptRequest = z.infer<typeof acceptSchema>;

/** `PUT /api/v1/threads/:id/read` */
export const readPositionSchema = z.strictObject({ seq: z.number().int().min(0).max(2_000_000_000) });
/** Body of `PUT /api/v1/threads/:id/read`. */
export type ReadPositionRequest = z.infer<typeof readPositionSchema>;

/** `POST /api/v1/preview` */
export const previewSchema = z.strictObject({ body: z.string().max(FORUM_LIMITS.bodyMax) });
/** Body of `POST /api/v1/preview`. */
export type PreviewRequest = z.infer<typeof previewSchema>;

/** Query of thread lists. */
export const threadListQuerySchema = z.object({
  sort: z.enum(THREAD_SORTS).default('latest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(FORUM_LIMITS.threadPageMax)
    .default(FORUM_LIMITS.threadPageDefault),
});

/** Query of one thread's page of posts. */
export const threadQuerySchema = z.object({
  view: z.enum(THREAD_VIEWS).default('threaded'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FORUM_LIMITS.pageMax).default(FORUM_LIMITS.pageDefault),
});

/** Query of `GET /api/v1/threads/:id/posts?afterSeq=`: what a reconnecting client missed. */
export const missedPostsQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).max(INT32_MAX),
  limit: z.coerce.number().int().min(1).max(FORUM_LIMITS.pageMax).default(FORUM_LIMITS.pageMax),
});

/** A member as shown beside what they wrote. */
export const authorDto = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** The verified role badge, given with the posts of a thread page (absent in lists). */
  verified: verifiedBadge.nullable().optional(),
});
/** A post's or thread's author. */
export type AuthorDto = z.infer<typeof authorDto>;

/** A thread in lists and at the top of its page. */
export interface ThreadDto {
  id: string;
  categoryId: string;
  categorySlug: string;
  kind: ThreadKind;
  title: string;
  lang: Locale;
  tags: string[];
  /** The author, or null when they deleted their account (shown as a former member). */
  author: AuthorDto | null;
  acceptedPostId: string | null;
  postCount: number;
  replyCount: number;
  viewCount: number;
  lastPostAt: string;
  createdAt: string;
  pinned: boolean;
  /** Where it is pinned: first in its category, or first on every list; null when not pinned. */
  pinScope: PinScope | null;
  /** Shown in the home page's "Featured" section. */
  featured: boolean;
  locked: boolean;
  /** A question a moderator closed as answered; it still takes replies (locking is what stops them). */
  closed: boolean;
  /** One post per member per this many minutes (moderators exempt); 0 is off. */
  slowModeMinutes: number;
  /** Set when the thread was merged into another: its page leads to that thread. */
  mergedInto: string | null;
  /** For the signed-in member: whether they follow it, and how many posts they have not read. */
  following: boolean;
  unreadCount: number;
  lastReadSeq: number;
  /**
   * Why the thread is hidden from readers (only its author, for a thread waiting for review, and the
   * category's moderators see it), or null.
   */
  hidden: HiddenReason | null;
  /** Removed by a moderator (only moderators still see it). */
  deleted: boolean;
}

/** A post, the same for every viewer (so it can be broadcast); abilities come from `shared/forum-policy`. */
export interface PostDto {
  id: string;
  threadId: string;
  parentId: string | null;
  seq: number;
  depth: number;
  /** The author, or null when the post was deleted (`deleted`) or its author deleted their account. */
  author: AuthorDto | null;
  /** Sanitized HTML rendered by the server; empty when deleted. */
  html: string;
  /** The Markdown it was rendered from (for editing and quoting); empty when deleted. */
  source: string;
  deleted: boolean;
  edited: boolean;
  editedAt: string | null;
  createdAt: string;
  reactions: Record<ReactionKind, number>;
  /** The language the post is written in (its `lang` attribute). */
  lang: ContentLang;
  /** Number of direct replies. */
  replyCount: number;
  /**
   * Why the post is hidden from readers, or null. Its author and the category's moderators get its
   * text with a label; other readers get a placeholder (`flags`, `moderator`) or never see it at all
   * (`pending_review`).
   */
  hidden: HiddenReason | null;
}

/** `GET /api/v1/threads/:id` */
export interface ThreadResponse {
  thread: ThreadDto;
  /** Posts of this page, in the view's order (tree or time), each with `parentId` and `depth`. */
  posts: PostDto[];
  /** The accepted answer, shown first in both views. */
  acceptedPost: PostDto | null;
  /** The signed-in member's own reactions on the posts of this page. */
  myReactions: Record<string, ReactionKind[]>;
  nextCursor: string | null;
  /** Whether the reader moderates this thread's category (shows the moderator tools). */
  canModerate: boolean;
}

/** `GET /api/v1/categories/:slug/threads` and `GET /api/v1/threads` */
export interface ThreadListResponse {
  items: ThreadDto[];
  nextCursor: string | null;
}

/** `POST /api/v1/threads` */
export interface CreateThreadResponse {
  thread: ThreadDto;
  post: PostDto;
}

/** `POST /api/v1/threads/:id/posts`, `PATCH /api/v1/posts/:id` */
export interface PostResponse {
  post: PostDto;
}

/** `POST /api/v1/posts/:id/reactions` */
export interface ReactionResponse {
  post: PostDto;
  myReactions: ReactionKind[];
}

/** `GET /api/v1/threads/:id/posts?afterSeq=` */
export interface MissedPostsResponse {
  items: PostDto[];
}

/** One earlier version of a post. */
export interface RevisionDto {
  id: string;
  /** The editor, or null when they deleted their account. */
  editor: AuthorDto | null;
  html: string;
  source: string;
  createdAt: string;
}

/** `GET /api/v1/posts/:id/revisions` */
export interface RevisionListResponse {
  items: RevisionDto[];
}

/** `POST /api/v1/preview` */
export interface PreviewResponse {
  html: string;
}
