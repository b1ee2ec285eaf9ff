import { z } from 'zod';
import { CONTENT_LANGS, LIMITS, type ContentLang } from '../constants';
import { calendarDay } from '../validation';
import type { MemberCard } from './directory';
import { THREAD_KINDS, type AuthorDto, type ThreadKind } from './threads';

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
export interface SearchPostHit {
  id: string;
  threadId: string;
  seq: number;
  lang: ContentLang;
  author: AuthorDto;
  snippetHtml: string;
  accepted: boolean;
  createdAt: string;
}

/** A thread with its matching posts. */
export interface SearchThreadHit {
  id: string;
  title: string;
  titleHtml: string;
  lang: ContentLang;
  kind: ThreadKind;
  categorySlug: string;
  tags: string[];
  answered: boolean;
  replyCount: number;
  createdAt: string;
  posts: SearchPostHit[];
}

/** `GET /api/v1/search` response: threads (for `threads` and `posts`, grouped by thread) or members. */
export interface SearchResponse {
  type: SearchType;
  threads: SearchThreadHit[];
  members: MemberCard[];
  nextCursor: string | null;
}

/** `GET /api/v1/search/suggest?q=`: what the header box proposes while typing. */
export const suggestQuerySchema = z.object({
  q: z.string().trim().min(1).max(LIMITS.searchQueryMax),
});

/** Suggestions: a few threads and members. */
export interface SuggestResponse {
  threads: SearchThreadHit[];
  members: MemberCard[];
}
