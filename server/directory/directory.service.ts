import type { Database } from '@server/db/pool';
import {
  cursorBigintText,
  cursorDecimalText,
  cursorText,
  cursorUuid,
  decodeCursorTuple,
  encodeCursorTuple,
  invalidCursor,
} from '@server/cursor';
import { LIMITS } from '@shared/constants';
import type { MemberRow } from '@server/members';
import type {
  DirectoryFacets,
  DirectoryQuery,
  DirectoryResponse,
  DirectorySort,
  MemberCard,
  VerifiedBadge,
} from '@shared/api/directory';
import {
  countFacets,
  FACETS,
  searchMemberIds,
  similarMemberIds,
  verifiedBadgesOf,
  type DirectorySearch,
  type Facet,
} from './directory.queries';
import { findProfilesByIds } from './profile.queries';
import { presentCard } from './profile.presenter';
import { audienceOf, visibleLevels } from './profile.policy';

/** Search words: lower-cased, deduplicated, at most eight (accents are removed in SQL). */
export function searchTokens(q: string | undefined): string[] {
  if (!q) return [];
  const words = q
    .toLowerCase()
    .split(/[\s,;]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word.length > 0);
  return [...new Set(words)].slice(0, 8);
}

interface Cursor {
  sort: DirectorySort;
  key: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return encodeCursorTuple([cursor.sort, cursor.key, cursor.id]);
}

// The key is compared with the sort's column after a cast: a display name (text), the last activity in
// microseconds (bigint) or a relevance score (numeric). Each is checked as that type here.
function decodeCursor(raw: string, sort: DirectorySort): Cursor {
  const [cursorSort, key, id] = decodeCursorTuple(raw, 3);
  if (cursorSort !== sort) throw invalidCursor();
  const checked =
    sort === 'name'
      ? cursorText(key, LIMITS.displayNameMax * 4)
      : sort === 'recent'
        ? cursorBigintText(key)
        : cursorDecimalText(key);
  return { sort, key: checked, id: cursorUuid(id) };
}

const emptyFacets = (): DirectoryFacets => ({
  country: [],
  subregion: [],
  sector: [],
  expertise: [],
  language: [],
  openToExchange: [],
  verified: [],
});

/** The peer directory: search, facets and similar peers, each showing only what the viewer may see. */
export function createDirectoryService(db: Database) {
  function baseSearch(viewer: MemberRow | undefined) {
    return { viewerId: viewer?.id ?? null, levels: visibleLevels(viewer ? 'members' : 'public') };
  }

  return {
    /** The verified role badges of some members, by member id (for authors shown on posts). */
    async badgesOf(memberIds: readonly string[]): Promise<Map<string, VerifiedBadge>> {
      const rows = await verifiedBadgesOf(db, [...new Set(memberIds)]);
      return new Map(
        rows.flatMap((row) =>
          row.roleText && row.verifiedAt
            ? [[row.memberId, { roleText: row.roleText, verifiedAt: row.verifiedAt.toISOString() }]]
            : [],
        ),
      );
    },

    /** One page of the directory, with the total and facet counts of the whole result. */
    async search(viewer: MemberRow | undefined, query: DirectoryQuery): Promise<DirectoryResponse> {
      const tokens = searchTokens(query.q);
      const sort: DirectorySort = query.sort ?? (tokens.length ? 'relevance' : 'recent');
      const after = query.cursor ? decodeCursor(query.cursor, sort) : null;
      const filters = Object.fromEntries(FACETS.map((facet) => [facet, [] as string[]])) as Record<
        Facet,
        string[]
      >;
      filters.country = query.country;
      filters.subregion = query.subregion;
      filters.sector = query.sector;
      filters.expertise = query.expertise;
      filters.language = query.language;
      if (query.openToExchange) filters.openToExchange = ['true'];
      if (query.verified) filters.verified = ['true'];
      const search: DirectorySearch = {
        ...baseSearch(viewer),
        tokens,
        filters,
        sort,
        after,
        limit: query.limit + 1,
      };

      const page = await searchMemberIds(db, search);
      const hasMore = page.length > query.limit;
      const items = page.slice(0, query.limit);
      const last = items.at(-1);
      const { total, counts } = await countFacets(db, search);
      const facets = emptyFacets();
      for (const { facet, value, n } of counts) facets[facet].push({ value, count: n });
      for (const facet of FACETS)
        facets[facet].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));

      const records = await findProfilesByIds(
        db,
        items.map((item) => item.id),
      );
      return {
        items: records.map((record) => presentCard(record, audienceOf(viewer, record.member.id))),
        nextCursor: hasMore && last ? encodeCursor({ sort, key: last.key, id: last.id }) : null,
        total,
        facets,
      };
    },

    /** Peers with the owner's themes in other countries (what the viewer may see of them). */
    async similar(
      viewer: MemberRow | undefined,
      owner: { id: string; themes: string[]; country: string | null },
      limit = 4,
    ): Promise<MemberCard[]> {
      const ids = await similarMemberIds(db, baseSearch(viewer), owner, limit);
      const records = await findProfilesByIds(db, ids);
      return records.map((record) => presentCard(record, audienceOf(viewer, record.member.id)));
    },
  };
}

/** The directory service. */
export type DirectoryService = ReturnType<typeof createDirectoryService>;
