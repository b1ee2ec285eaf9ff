import type { Database } from '@server/db/pool';
import { validationError } from '@server/errors';
import type { MemberRow } from '@server/members';
import type { DirectoryService } from '@server/directory';
import { actorOf, readableAccess } from '@server/forum';
import { directoryQuerySchema } from '@shared/api/directory';
import {
  SEARCH_LIMITS,
  type SearchQuery,
  type SearchResponse,
  type SearchType,
  type SuggestResponse,
} from '@shared/api/search';
import { findPostHits, findThreadHits, rankPosts, type RankedPost } from './search.queries';
import { presentPostHit, presentThreadHit } from './search.presenter';

function encodeCursor(type: SearchType, offset: number): string {
  return Buffer.from(JSON.stringify([type, offset])).toString('base64url');
}

/** The offset a cursor of this server points at, for the same result type. */
function decodeCursor(raw: string, type: SearchType): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed[0] === type &&
      Number.isInteger(parsed[1]) &&
      (parsed[1] as number) > 0 &&
      (parsed[1] as number) <= SEARCH_LIMITS.candidates
    ) {
      return parsed[1] as number;
    }
  } catch {
    // A cursor is opaque and only ever produced by this server: anything else is invalid.
  }
  throw validationError({ cursor: { code: 'invalid_value' } });
}

/** Ranked posts grouped by thread, threads in the order of their best post, best posts first. */
function groupByThread(ranked: RankedPost[], perThread: number): { threadId: string; postIds: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const post of ranked) {
    const ids = groups.get(post.threadId) ?? [];
    if (ids.length < perThread) ids.push(post.id);
    groups.set(post.threadId, ids);
  }
  return [...groups].map(([threadId, postIds]) => ({ threadId, postIds }));
}

/** Search over threads and posts in every language, and over members through the directory. */
export function createSearchService(db: Database, directory: DirectoryService) {
  async function searchMembers(viewer: MemberRow | undefined, query: SearchQuery): Promise<SearchResponse> {
    const page = await directory.search(
      viewer,
      directoryQuerySchema.parse({ q: query.q, cursor: query.cursor, limit: query.limit }),
    );
    return { type: 'members', threads: [], members: page.items, nextCursor: page.nextCursor };
  }

  /** One page of results for the reader: only what they may read, never deleted posts. */
  async function search(viewer: MemberRow | undefined, query: SearchQuery): Promise<SearchResponse> {
    if (query.type === 'members') return searchMembers(viewer, query);
    const offset = query.cursor ? decodeCursor(query.cursor, query.type) : 0;
    const ranked = await rankPosts(db, {
      q: query.q,
      access: readableAccess(actorOf(viewer)),
      lang: query.lang,
      categorySlug: query.category,
      authorHandle: query.author,
      from: query.from,
      to: query.to,
      kind: query.kind,
      answered: query.answered === undefined ? undefined : query.answered === 'true',
      candidates: SEARCH_LIMITS.candidates,
    });

    let groups: { threadId: string; postIds: string[] }[];
    let total: number;
    if (query.type === 'threads') {
      const all = groupByThread(ranked, SEARCH_LIMITS.postsPerThread);
      total = all.length;
      groups = all.slice(offset, offset + query.limit);
    } else {
      total = ranked.length;
      groups = groupByThread(ranked.slice(offset, offset + query.limit), query.limit);
    }

    const [threadRows, postRows] = await Promise.all([
      findThreadHits(
        db,
        groups.map((g) => g.threadId),
        query.q,
      ),
      findPostHits(
        db,
        groups.flatMap((g) => g.postIds),
        query.q,
      ),
    ]);
    const threadsById = new Map(threadRows.map((row) => [row.id, row]));
    const postsById = new Map(postRows.map((row) => [row.id, presentPostHit(row)]));
    const threads = groups.flatMap((group) => {
      const row = threadsById.get(group.threadId);
      if (!row) return [];
      const hits = group.postIds.flatMap((id) => postsById.get(id) ?? []);
      return [presentThreadHit(row, hits)];
    });
    const next = offset + query.limit;
    return {
      type: query.type,
      threads,
      members: [],
      nextCursor: next < total ? encodeCursor(query.type, next) : null,
    };
  }

  return {
    search,

    /** Suggestions while typing: a few threads (by title and body) and members. */
    async suggest(viewer: MemberRow | undefined, q: string): Promise<SuggestResponse> {
      const limit = SEARCH_LIMITS.suggestions;
      const base = { q, cursor: undefined, limit } as const;
      const [threads, members] = await Promise.all([
        search(viewer, { ...base, type: 'threads' }),
        searchMembers(viewer, { ...base, type: 'members' }),
      ]);
      return { threads: threads.threads, members: members.members };
    },
  };
}

/** The search service. */
export type SearchService = ReturnType<typeof createSearchService>;
