import { and, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { profiles } from '@server/db/schema';
import type { Executor } from '@server/db/pool';
import { DEFAULT_VISIBILITY, type ProfileField, type Visibility } from '@shared/constants';
import { LAC_COUNTRIES, LAC_SUBREGIONS } from '@shared/countries';
import type { DirectorySort } from '@shared/api/directory';

/** The facets the directory filters and counts. */
export const FACETS = [
  'country',
  'subregion',
  'sector',
  'expertise',
  'language',
  'openToExchange',
  'verified',
] as const;

/** A facet name. */
export type Facet = (typeof FACETS)[number];

/** A directory search as the queries need it: already validated. */
export interface DirectorySearch {
  /** Who is looking: their id (their own hidden fields count) and the visibilities they may see. */
  viewerId: string | null;
  levels: Visibility[];
  /** Search words (normalized in SQL like the documents: unaccented, lower-case). */
  tokens: string[];
  filters: Record<Facet, string[]>;
  sort: DirectorySort;
  after: { key: string; id: string } | null;
  limit: number;
}

/** Words of a search shorter than this are matched as substrings only (trigrams need three letters). */
const FUZZY_MIN_LENGTH = 4;
/** pg_trgm's own default threshold for word similarity. */
const WORD_SIMILARITY = 0.6;

const textArray = (values: readonly string[]): SQL =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

/** Whether the viewer may see `field` of the row in `p` (their own fields always). */
function visible(field: ProfileField, search: DirectorySearch): SQL {
  const own = search.viewerId ? sql` or m.id = ${search.viewerId}::uuid` : sql``;
  return sql`(coalesce(p.visibility ->> ${field}, ${DEFAULT_VISIBILITY[field]}) = any(${textArray(search.levels)})${own})`;
}

const norm = (expression: SQL) => sql`lower(unaccent(${expression}))`;

function subregionCase(): SQL {
  const branches = LAC_SUBREGIONS.map((region) => {
    const codes = LAC_COUNTRIES.filter((c) => c.subregion === region).map((c) => c.code);
    return sql`when p.country = any(${textArray(codes)}) then ${region}`;
  });
  return sql`case ${sql.join(branches, sql` `)} end`;
}

/**
 * Every active, listed member matching the words, with the facet fields the viewer may see (a hidden
 * field neither filters nor counts, nor matches a search) and the sort keys.
 */
function matched(search: DirectorySearch): SQL {
  const doc = norm(sql`concat_ws(' ', m.display_name, replace(m.handle, '_', ' '),
    case when ${visible('organization', search)} then p.organization end,
    case when ${visible('headline', search)} then p.headline end,
    case when ${visible('bio', search)} then p.bio_source end,
    case when ${visible('expertise', search)} then array_to_string(p.tags, ' ') end)`);
  const nameDoc = norm(sql`m.display_name || ' ' || replace(m.handle, '_', ' ')`);
  // Search words go through the same normalization as the documents, in SQL, so both always agree.
  const phrase = norm(sql`${search.tokens.join(' ')}::text`);
  const wordMatches = search.tokens.map((word) => {
    const token = norm(sql`${word}::text`);
    return word.length >= FUZZY_MIN_LENGTH
      ? sql`(strpos(b.doc, ${token}) > 0 or word_similarity(${token}, b.doc) >= ${WORD_SIMILARITY})`
      : sql`strpos(b.doc, ${token}) > 0`;
  });
  const score = search.tokens.length
    ? sql`round((word_similarity(${phrase}, b.name_doc) * 2 + word_similarity(${phrase}, b.doc))::numeric, 6)`
    : sql`0::numeric`;
  return sql`base as (
      select m.id, m.display_name, m.created_at, m.last_seen_at,
        ${doc} as doc, ${nameDoc} as name_doc,
        case when ${visible('country', search)} then p.country end as f_country,
        case when ${visible('country', search)} then ${subregionCase()} end as f_subregion,
        case when ${visible('sector', search)} then p.sector end as f_sector,
        case when ${visible('expertise', search)} then p.themes else '{}'::text[] end as f_expertise,
        case when ${visible('languages', search)} then p.languages else '{}'::text[] end as f_language,
        p.open_to_exchange as f_open, p.verified_at is not null as f_verified
      from members m join profiles p on p.member_id = m.id
      where m.status = 'active' and not p.hidden_from_directory
    ),
    matched as (
      select b.*, ${score} as score,
        (extract(epoch from coalesce(b.last_seen_at, b.created_at)) * 1000000)::bigint as active_key,
        lower(unaccent(b.display_name)) collate "C" as name_key
      from base b
      ${wordMatches.length ? sql`where ${sql.join(wordMatches, sql` and `)}` : sql``}
    )`;
}

/** The condition of one facet's filter (values OR-ed), or none when the facet is not filtered. */
function facetCondition(facet: Facet, values: string[]): SQL | null {
  if (values.length === 0) return null;
  switch (facet) {
    case 'country':
    case 'subregion':
    case 'sector':
      return sql`f_${sql.raw(facet)} = any(${textArray(values)})`;
    case 'expertise':
    case 'language':
      return sql`f_${sql.raw(facet)} && ${textArray(values)}`;
    case 'openToExchange':
      return sql`f_open`;
    case 'verified':
      return sql`f_verified`;
  }
}

/** Facets AND-ed together, leaving out `except` (for its own counts). */
function filtersExcept(search: DirectorySearch, except: Facet | null): SQL {
  const conditions = FACETS.filter((facet) => facet !== except)
    .map((facet) => facetCondition(facet, search.filters[facet]))
    .filter((condition): condition is SQL => condition !== null);
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}

const SORT_KEYS: Record<DirectorySort, { column: SQL; cast: SQL; descending: boolean }> = {
  relevance: { column: sql`score`, cast: sql`numeric`, descending: true },
  recent: { column: sql`active_key`, cast: sql`bigint`, descending: true },
  name: { column: sql`name_key`, cast: sql`text`, descending: false },
};

/** One page of matching member ids with the sort key of each, for the next cursor. */
export async function searchMemberIds(
  db: Executor,
  search: DirectorySearch,
): Promise<{ id: string; key: string }[]> {
  const { column, cast, descending } = SORT_KEYS[search.sort];
  const keyed = search.sort === 'name' ? sql`${column} collate "C"` : column;
  const after = search.after
    ? sql`and (${keyed} ${sql.raw(descending ? '<' : '>')} ${search.after.key}::${cast}${search.sort === 'name' ? sql` collate "C"` : sql``}
        or (${column} = ${search.after.key}::${cast} and id > ${search.after.id}::uuid))`
    : sql``;
  const result = await db.execute<{ id: string; key: string }>(sql`
    with ${matched(search)}
    select id, ${column}::text as key from matched
    where ${filtersExcept(search, null)} ${after}
    order by ${keyed} ${sql.raw(descending ? 'desc' : 'asc')}, id asc
    limit ${search.limit}`);
  return result.rows;
}

/**
 * The total and, for every facet, how many results each value has given all the other facets' filters
 * (the usual disjunctive counts: choosing a value ORs it with that facet's others).
 */
export async function countFacets(
  db: Executor,
  search: DirectorySearch,
): Promise<{ total: number; counts: { facet: Facet; value: string; n: number }[] }> {
  const parts: SQL[] = [
    sql`select '_total' as facet, '' as value, count(*)::int as n from matched where ${filtersExcept(search, null)}`,
  ];
  for (const facet of FACETS) {
    const where = filtersExcept(search, facet);
    switch (facet) {
      case 'country':
      case 'subregion':
      case 'sector':
        parts.push(sql`select ${facet}, f_${sql.raw(facet)}, count(*)::int from matched
          where f_${sql.raw(facet)} is not null and ${where} group by 2`);
        break;
      case 'expertise':
      case 'language':
        parts.push(sql`select ${facet}, v, count(*)::int from matched cross join lateral unnest(f_${sql.raw(facet)}) as v
          where ${where} group by 2`);
        break;
      case 'openToExchange':
      case 'verified':
        parts.push(sql`select ${facet}, 'true', count(*)::int from matched
          where ${sql.raw(facet === 'verified' ? 'f_verified' : 'f_open')} and ${where} having count(*) > 0`);
        break;
    }
  }
  const result = await db.execute<{ facet: string; value: string; n: number }>(
    sql`with ${matched(search)} ${sql.join(parts, sql` union all `)}`,
  );
  let total = 0;
  const counts: { facet: Facet; value: string; n: number }[] = [];
  for (const row of result.rows) {
    if (row.facet === '_total') total = row.n;
    else counts.push({ facet: row.facet as Facet, value: row.value, n: row.n });
  }
  return { total, counts };
}

/** Active, listed members sharing themes with `memberId` in other countries, most themes in common first. */
export async function similarMemberIds(
  db: Executor,
  search: Pick<DirectorySearch, 'viewerId' | 'levels'>,
  owner: { id: string; themes: string[]; country: string | null },
  limit: number,
): Promise<string[]> {
  if (owner.themes.length === 0) return [];
  const full: DirectorySearch = {
    ...search,
    tokens: [],
    filters: {
      country: [],
      subregion: [],
      sector: [],
      expertise: [],
      language: [],
      openToExchange: [],
      verified: [],
    },
    sort: 'recent',
    after: null,
    limit,
  };
  const result = await db.execute<{ id: string }>(sql`
    with ${matched(full)}
    select id from matched
    where id <> ${owner.id}::uuid and f_expertise && ${textArray(owner.themes)}
      ${owner.country ? sql`and f_country is not null and f_country <> ${owner.country}` : sql``}
    order by cardinality(array(select unnest(f_expertise) intersect select unnest(${textArray(owner.themes)}))) desc,
      active_key desc, id
    limit ${limit}`);
  return result.rows.map((row) => row.id);
}

/** The verified role badges of some members (only those who have one). */
export function verifiedBadgesOf(db: Executor, memberIds: string[]) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return db
    .select({ memberId: profiles.memberId, roleText: profiles.verifiedRole, verifiedAt: profiles.verifiedAt })
    .from(profiles)
    .where(and(inArray(profiles.memberId, memberIds), isNotNull(profiles.verifiedAt)));
}
