import { z } from '../zod';
import { CONTENT_LANGS, LIMITS, type ContentLang } from '../constants';
import { calendarDay } from '../validation';
import { route } from '../contract';
import { memberCard } from './directory';
import { authorDto, THREAD_KINDS } from './threads';

export { CONTENT_LANGS, type ContentLang };

/** What a search returns. */
export const SEARCH_TYPES = ['threads', 'posts', 'members'] as const;

/** A search result type. */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Search limits shared by client and server. */
export const SEARCH_LIMITS = {
  /** Matches ranked per query: the newest this many, so common words never rank every post. */
  candidates: 500,
  pageDefault: 20,
  pageMax: 50,
  /** Matching posts shown under each thread result. */
  postsPerThread: 3,
  suggestions: 5,
  /** The range of the `from` and `to` days: wider than any post's date, narrow enough for any database. */
  dayMin: '1900-01-01',
  dayMax: '2100-12-31',
} as const;

const optional = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const day = calendarDay(SEARCH_LIMITS.dayMin, SEARCH_LIMITS.dayMax);

/** `GET /api/v1/search` query. */
export const searchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(LIMITS.searchQueryMax),
    type: z.enum(SEARCH_TYPES).default('threads'),
    lang: optional(z.enum(CONTENT_LANGS)),
    category: optional(
      z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
        .max(60),
    ),
    author: optional(z.string().regex(/^[a-z0-9_]{1,40}$/)),
    from: optional(day),
    to: optional(day),
    kind: optional(z.enum(THREAD_KINDS)),
    answered: optional(z.enum(['true', 'false'])),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMITS.pageMax).default(SEARCH_LIMITS.pageDefault),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'] });

/** Parsed search query. */
export type SearchQuery = z.output<typeof searchQuerySchema>;

/** Raw search parameters as they appear in the URL. */
export type SearchParams = z.input<typeof searchQuerySchema>;

/** A matching post: a highlighted, escaped snippet (only `<mark>` elements) and where it is. */
export const searchPostHit = z.object({
  id: z.string(),
  threadId: z.string(),
  seq: z.number().int(),
  lang: z.enum(CONTENT_LANGS),
  author: authorDto,
  snippetHtml: z.string(),
  accepted: z.boolean(),
  createdAt: z.string(),
});
/** A matching post. */
export type SearchPostHit = z.infer<typeof searchPostHit>;

/** A thread with its matching posts. */
export const searchThreadHit = z.object({
  id: z.string(),
  title: z.string(),
  titleHtml: z.string(),
  lang: z.enum(CONTENT_LANGS),
  kind: z.enum(THREAD_KINDS),
  categorySlug: z.string(),
  tags: z.array(z.string()),
  answered: z.boolean(),
  replyCount: z.number().int(),
  createdAt: z.string(),
  posts: z.array(searchPostHit),
});
/** A thread with its matching posts. */
export type SearchThreadHit = z.infer<typeof searchThreadHit>;

/** `GET /api/v1/search` response: threads (for `threads` and `posts`, grouped by thread) or members. */
export const searchResponse = z.object({
  type: z.enum(SEARCH_TYPES),
  threads: z.array(searchThreadHit),
  members: z.array(memberCard),
  nextCursor: z.string().nullable(),
});
/** `GET /api/v1/search` response. */
export type SearchResponse = z.infer<typeof searchResponse>;

/** `GET /api/v1/search/suggest?q=`: what the header box proposes while typing. */
export const suggestQuerySchema = z.object({
  q: z.string().trim().min(1).max(LIMITS.searchQueryMax),
});

/** Suggestions: a few threads and members. */
export const suggestResponse = z.object({
  threads: z.array(searchThreadHit),
  members: z.array(memberCard),
});
/** Suggestions: a few threads and members. */
export type SuggestResponse = z.infer<typeof suggestResponse>;

/** Search across threads, posts and members, and the header box's suggestions. */
export const searchApi = {
  search: route({
    method: 'GET',
    path: '/search',
    summary: 'Searches threads, posts or members the reader may see, with filters, a page at a time.',
    access: 'public',
    query: searchQuerySchema,
    response: searchResponse,
  }),
  suggest: route({
    method: 'GET',
    path: '/search/suggest',
    summary: 'A few threads and members matching what is typed in the header\u2019s search box.',
    access: 'public',
    query: suggestQuerySchema,
    response: suggestResponse,
  }),
};
