import { z } from '../zod';
import { idParams, route } from '../contract';
import { CONTENT_LANGS, LOCALES, ROLES } from '../constants';
import type { ErrorCode } from '../errors';
import { HIDDEN_REASONS, PIN_SCOPES } from '../moderation';
import { INT32_MAX } from '../validation';
import { categorySlugParams } from './categories';
import { verifiedBadge } from './directory';

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
export const threadDto = z.object({
  id: z.string(),
  categoryId: z.string(),
  categorySlug: z.string(),
  kind: z.enum(THREAD_KINDS),
  title: z.string(),
  lang: z.enum(LOCALES),
  tags: z.array(z.string()),
  /** The author, or null when they deleted their account (shown as a former member). */
  author: authorDto.nullable(),
  acceptedPostId: z.string().nullable(),
  postCount: z.number().int(),
  replyCount: z.number().int(),
  viewCount: z.number().int(),
  lastPostAt: z.string(),
  createdAt: z.string(),
  pinned: z.boolean(),
  /** Where it is pinned: first in its category, or first on every list; null when not pinned. */
  pinScope: z.enum(PIN_SCOPES).nullable(),
  /** Shown in the home page's "Featured" section. */
  featured: z.boolean(),
  locked: z.boolean(),
  /** A question a moderator closed as answered; it still takes replies (locking is what stops them). */
  closed: z.boolean(),
  /** One post per member per this many minutes (moderators exempt); 0 is off. */
  slowModeMinutes: z.number().int(),
  /** Set when the thread was merged into another: its page leads to that thread. */
  mergedInto: z.string().nullable(),
  /** For the signed-in member: whether they follow it, and how many posts they have not read. */
  following: z.boolean(),
  unreadCount: z.number().int(),
  lastReadSeq: z.number().int(),
  /**
   * Why the thread is hidden from readers (only its author, for a thread waiting for review, and the
   * category's moderators see it), or null.
   */
  hidden: z.enum(HIDDEN_REASONS).nullable(),
  /** Removed by a moderator (only moderators still see it). */
  deleted: z.boolean(),
});
/** A thread in lists and at the top of its page. */
export type ThreadDto = z.infer<typeof threadDto>;

/** Reaction counts of a post, every kind present. */
export const reactionCounts = z.record(z.enum(REACTION_KINDS), z.number().int());

/** A post, the same for every viewer (so it can be broadcast); abilities come from `shared/forum-policy`. */
export const postDto = z.object({
  id: z.string(),
  threadId: z.string(),
  parentId: z.string().nullable(),
  seq: z.number().int(),
  depth: z.number().int(),
  /** The author, or null when the post was deleted (`deleted`) or its author deleted their account. */
  author: authorDto.nullable(),
  /** Sanitized HTML rendered by the server; empty when deleted. */
  html: z.string(),
  /** The Markdown it was rendered from (for editing and quoting); empty when deleted. */
  source: z.string(),
  deleted: z.boolean(),
  edited: z.boolean(),
  editedAt: z.string().nullable(),
  createdAt: z.string(),
  reactions: reactionCounts,
  /** The language the post is written in (its `lang` attribute). */
  lang: z.enum(CONTENT_LANGS),
  /** Number of direct replies. */
  replyCount: z.number().int(),
  /**
   * Why the post is hidden from readers, or null. Its author and the category's moderators get its
   * text with a label; other readers get a placeholder (`flags`, `moderator`) or never see it at all
   * (`pending_review`).
   */
  hidden: z.enum(HIDDEN_REASONS).nullable(),
});
/** A post, the same for every viewer. */
export type PostDto = z.infer<typeof postDto>;

/** `GET /api/v1/threads/:id` */
export const threadResponse = z.object({
  thread: threadDto,
  /** Posts of this page, in the view's order (tree or time), each with `parentId` and `depth`. */
  posts: z.array(postDto),
  /** The accepted answer, shown first in both views. */
  acceptedPost: postDto.nullable(),
  /** The signed-in member's own reactions on the posts of this page. */
  myReactions: z.record(z.string(), z.array(z.enum(REACTION_KINDS))),
  nextCursor: z.string().nullable(),
  /** Whether the reader moderates this thread's category (shows the moderator tools). */
  canModerate: z.boolean(),
});
/** `GET /api/v1/threads/:id` */
export type ThreadResponse = z.infer<typeof threadResponse>;

/** `GET /api/v1/categories/:slug/threads` and `GET /api/v1/threads` */
export const threadListResponse = z.object({
  items: z.array(threadDto),
  nextCursor: z.string().nullable(),
});
/** `GET /api/v1/categories/:slug/threads` and `GET /api/v1/threads` */
export type ThreadListResponse = z.infer<typeof threadListResponse>;

/** `POST /api/v1/threads` */
export const createThreadResponse = z.object({ thread: threadDto, post: postDto });
/** `POST /api/v1/threads` */
export type CreateThreadResponse = z.infer<typeof createThreadResponse>;

/** `PATCH /api/v1/threads/:id`, acceptance and following: the thread as it is now. */
export const threadStateResponse = z.object({ thread: threadDto });
/** `PATCH /api/v1/threads/:id`, acceptance and following: the thread as it is now. */
export type ThreadStateResponse = z.infer<typeof threadStateResponse>;

/** `POST /api/v1/threads/:id/posts`, `PATCH /api/v1/posts/:id` */
export const postResponse = z.object({ post: postDto });
/** `POST /api/v1/threads/:id/posts`, `PATCH /api/v1/posts/:id` */
export type PostResponse = z.infer<typeof postResponse>;

/** `POST /api/v1/posts/:id/reactions` */
export const reactionResponse = z.object({ post: postDto, myReactions: z.array(z.enum(REACTION_KINDS)) });
/** `POST /api/v1/posts/:id/reactions` */
export type ReactionResponse = z.infer<typeof reactionResponse>;

/** `PUT /api/v1/threads/:id/read`: the member's read position now. */
export const readPositionResponse = z.object({ lastReadSeq: z.number().int() });
/** `PUT /api/v1/threads/:id/read` */
export type ReadPositionResponse = z.infer<typeof readPositionResponse>;

/** `GET /api/v1/threads/:id/posts?afterSeq=` */
export const missedPostsResponse = z.object({ items: z.array(postDto) });
/** `GET /api/v1/threads/:id/posts?afterSeq=` */
export type MissedPostsResponse = z.infer<typeof missedPostsResponse>;

/** One earlier version of a post. */
export const revisionDto = z.object({
  id: z.string(),
  /** The editor, or null when they deleted their account. */
  editor: authorDto.nullable(),
  html: z.string(),
  source: z.string(),
  createdAt: z.string(),
});
/** One earlier version of a post. */
export type RevisionDto = z.infer<typeof revisionDto>;

/** `GET /api/v1/posts/:id/revisions` */
export const revisionListResponse = z.object({ items: z.array(revisionDto) });
/** `GET /api/v1/posts/:id/revisions` */
export type RevisionListResponse = z.infer<typeof revisionListResponse>;

/** `POST /api/v1/preview` */
export const previewResponse = z.object({ html: z.string() });
/** `POST /api/v1/preview` */
export type PreviewResponse = z.infer<typeof previewResponse>;

/** What publishing a post may be refused with beyond bad input: the safeguards and the posting limit. */
const PUBLISHING_ERRORS = [
  'post_too_long',
  'posting_too_fast',
  'too_many_links',
  'watched_word_blocked',
] as const satisfies readonly ErrorCode[];

/** Threads: lists, pages, new threads and replies, acceptance, following and read positions. */
export const threadApi = {
  categoryThreads: route({
    method: 'GET',
    path: '/categories/:slug/threads',
    summary: 'Threads of one category the reader may read, in the chosen order, a page at a time.',
    access: 'public',
    params: categorySlugParams,
    query: threadListQuerySchema,
    response: threadListResponse,
  }),
  list: route({
    method: 'GET',
    path: '/threads',
    summary: 'Threads of every category the reader may read, in the chosen order, a page at a time.',
    access: 'public',
    query: threadListQuerySchema,
    response: threadListResponse,
  }),
  create: route({
    method: 'POST',
    path: '/threads',
    summary:
      'Starts a question or a discussion with its opening post (held for review when the safeguards say so).',
    access: 'member',
    publishes: true,
    body: createThreadSchema,
    response: createThreadResponse,
    status: 201,
    errors: [...PUBLISHING_ERRORS, 'category_archived'],
    rateLimit: 'posting',
  }),
  page: route({
    method: 'GET',
    path: '/threads/:id',
    summary: 'One thread with a page of its posts, in the threaded or the chronological view.',
    access: 'public',
    params: idParams,
    query: threadQuerySchema,
    response: threadResponse,
  }),
  update: route({
    method: 'PATCH',
    path: '/threads/:id',
    summary: 'The author or a moderator retitles or retags a thread; moderators also pin and lock it.',
    access: 'member',
    params: idParams,
    body: updateThreadSchema,
    response: threadStateResponse,
    errors: ['thread_merged', 'watched_word_blocked'],
  }),
  missed: route({
    method: 'GET',
    path: '/threads/:id/posts',
    summary: 'The posts of a thread after a sequence number: what a reconnecting reader missed.',
    access: 'public',
    params: idParams,
    query: missedPostsQuerySchema,
    response: missedPostsResponse,
  }),
  reply: route({
    method: 'POST',
    path: '/threads/:id/posts',
    summary: 'Replies in a thread, under one of its posts or under the opening post.',
    access: 'member',
    publishes: true,
    params: idParams,
    body: createPostSchema,
    response: postResponse,
    status: 201,
    errors: [...PUBLISHING_ERRORS, 'thread_merged', 'thread_locked', 'category_archived', 'slow_mode'],
    rateLimit: 'posting',
  }),
  accept: route({
    method: 'POST',
    path: '/threads/:id/accept',
    summary: 'The question\u2019s author or a moderator accepts a reply as the answer, or unaccepts it.',
    access: 'member',
    params: idParams,
    body: acceptSchema,
    response: threadStateResponse,
    errors: ['not_a_question'],
  }),
  follow: route({
    method: 'PUT',
    path: '/threads/:id/follow',
    summary: 'Follows a thread: its replies are notified as the member chose.',
    access: 'member',
    params: idParams,
    response: threadStateResponse,
  }),
  unfollow: route({
    method: 'DELETE',
    path: '/threads/:id/follow',
    summary: 'Stops following a thread.',
    access: 'member',
    params: idParams,
    response: threadStateResponse,
  }),
  read: route({
    method: 'PUT',
    path: '/threads/:id/read',
    summary: 'Moves the member\u2019s read position in a thread forward.',
    access: 'member',
    params: idParams,
    body: readPositionSchema,
    response: readPositionResponse,
  }),
};

/** Posts: editing, deleting and reacting, earlier versions, and the composer's preview. */
export const postApi = {
  edit: route({
    method: 'PATCH',
    path: '/posts/:id',
    summary: 'The author or a moderator edits a post; the previous text is kept as a revision.',
    access: 'member',
    params: idParams,
    body: updatePostSchema,
    response: postResponse,
    errors: ['post_too_long', 'too_many_links', 'watched_word_blocked'],
  }),
  remove: route({
    method: 'DELETE',
    path: '/posts/:id',
    summary: 'The author or a moderator deletes a post; a placeholder keeps its place among the replies.',
    access: 'member',
    params: idParams,
    response: postResponse,
  }),
  react: route({
    method: 'POST',
    path: '/posts/:id/reactions',
    summary: 'Gives or takes back one reaction of a kind on a post.',
    access: 'member',
    params: idParams,
    body: reactionSchema,
    response: reactionResponse,
  }),
  revisions: route({
    method: 'GET',
    path: '/posts/:id/revisions',
    summary: 'Earlier versions of a post, for its author and the category\u2019s moderators.',
    access: 'member',
    params: idParams,
    response: revisionListResponse,
  }),
  preview: route({
    method: 'POST',
    path: '/preview',
    summary: 'Renders a draft exactly as it would be stored, for the composer\u2019s preview.',
    access: 'member',
    body: previewSchema,
    response: previewResponse,
    errors: ['post_too_long'],
    rateLimit: 'preview',
  }),
};
