import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import type { ContentLang } from '@shared/api/search';
import type { ThreadKind } from '@shared/api/threads';
import type { Role } from '@shared/constants';

/** The text search configuration of each content language (migration 0005). */
const CONFIGS = [
  'public.agora_es',
  'public.agora_pt',
  'public.agora_en',
  'public.agora_fr',
  'public.agora_simple',
];

/** Categories' read access levels a reader may see. */
export type ReadAccessLevels = ('public' | 'members' | 'moderators')[];

const uuidArray = (ids: string[]): SQL =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/** A search as the queries take it: validated, with the reader's access already decided. */
export interface PostSearch {
  q: string;
  access: ReadAccessLevels;
  lang?: ContentLang;
  categorySlug?: string;
  authorHandle?: string;
  /** Inclusive days, `YYYY-MM-DD` (UTC). */
  from?: string;
  to?: string;
  kind?: ThreadKind;
  answered?: boolean;
  /** How many of the newest matches to rank. */
  candidates: number;
}

/** A ranked candidate. */
export interface RankedPost {
  id: string;
  threadId: string;
  seq: number;
  score: number;
}

/**
 * The query in every language at once (`q_es || q_pt || …`): a superset of each post's own-language
 * match, written with constants only, so the planner estimates it against the GIN index.
 */
function anyLanguage(q: string): SQL {
  return sql.join(
    CONFIGS.map((config) => sql`websearch_to_tsquery(${sql.raw(`'${config}'`)}::regconfig, ${q})`),
    sql` || `,
  );
}

/** The query stemmed in the language of the post in `p`. */
const ownLanguage = (q: string, lang: SQL = sql`p.lang`): SQL =>
  sql`websearch_to_tsquery(public.search_config(${lang}), ${q})`;

function filters(search: PostSearch): SQL {
  const parts: SQL[] = [
    sql`p.deleted_at is null`,
    // Hidden posts and hidden or removed threads are found by nobody; moderators reach them from the queue.
    sql`p.hidden_at is null`,
    sql`t.hidden_at is null`,
    sql`t.deleted_at is null`,
    sql`c.read_access in (${sql.join(
      search.access.map((a) => sql`${a}`),
      sql`, `,
    )})`,
  ];
  if (search.lang) parts.push(sql`p.lang = ${search.lang}`);
  if (search.categorySlug) parts.push(sql`c.slug = ${search.categorySlug}`);
  if (search.authorHandle)
    parts.push(sql`p.author_id = (select m.id from members m where m.handle = ${search.authorHandle})`);
  if (search.from) parts.push(sql`p.created_at >= ${search.from}::date`);
  if (search.to) parts.push(sql`p.created_at < ${search.to}::date + 1`);
  if (search.kind) parts.push(sql`t.kind = ${search.kind}`);
  if (search.answered !== undefined)
    parts.push(search.answered ? sql`t.accepted_post_id is not null` : sql`t.accepted_post_id is null`);
  return sql.join(parts, sql` and `);
}

/**
 * The newest `candidates` visible posts matching the query in any language, kept when they match it in
 * their own language (rechecked after the limit: the planner cannot estimate a per-row tsquery, and a
 * post matching only another language's stemming is rare), then ranked: text
 * rank (title A, tags B, body C), times boosts for an accepted answer and reactions, decayed by age.
 * Only the candidates are ranked and sorted, so a word found in every other post costs as little as a
 * rare one (the newest matches come from the creation-time index, rare ones from the GIN index).
 */
export function rankedPostsQuery(search: PostSearch): SQL {
  return sql`
    with candidates as (
      select p.id, p.thread_id, p.seq, p.lang, p.search_vector, p.created_at,
             (p.id = t.accepted_post_id) as accepted
      from posts p
      join threads t on t.id = p.thread_id
      join categories c on c.id = t.category_id
      where p.search_vector @@ (${anyLanguage(search.q)})
        and ${filters(search)}
      -- the order of posts_created_idx (drizzle writes desc indexes nulls last)
      order by p.created_at desc nulls last, p.id desc nulls last
      limit ${search.candidates}
    )
    select p.id, p.thread_id as "threadId", p.seq,
           (ts_rank(p.search_vector, ${ownLanguage(search.q)}, 1)
             * (case when p.accepted then 1.5 else 1 end)
             * (1 + 0.25 * ln(1 + (select count(*) from post_reactions r where r.post_id = p.id)))
             / (1 + extract(epoch from now() - p.created_at) / (86400 * 180)))::float8 as score
    from candidates p
    where p.search_vector @@ ${ownLanguage(search.q)}
    order by score desc, p.created_at desc, p.id desc`;
}

/** Ranks the newest matching posts the reader may see (see `rankedPostsQuery`). */
export async function rankPosts(db: Executor, search: PostSearch): Promise<RankedPost[]> {
  const result = await db.execute<{ id: string; threadId: string; seq: number; score: number }>(
    rankedPostsQuery(search),
  );
  return result.rows;
}

/** A post of a result page, with its highlighted snippet (marks as \u0002…\u0003, not yet escaped). */
export type PostHitRow = {
  id: string;
  threadId: string;
  seq: number;
  lang: ContentLang;
  authorId: string;
  authorHandle: string;
  authorDisplayName: string;
  authorRole: Role;
  snippet: string;
  accepted: boolean;
  createdAt: Date;
};

const HEADLINE_OPTIONS =
  'StartSel=\u0002, StopSel=\u0003, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "';

/** Posts by id with their snippets for query `q`. */
export async function findPostHits(db: Executor, ids: string[], q: string): Promise<PostHitRow[]> {
  if (ids.length === 0) return [];
  const result = await db.execute<PostHitRow>(sql`
    select p.id, p.thread_id as "threadId", p.seq, p.lang, p.author_id as "authorId",
           m.handle as "authorHandle", m.display_name as "authorDisplayName", m.role as "authorRole",
           ts_headline(public.search_config(p.lang), regexp_replace(translate(p.body_source, e'\\u0002\\u0003', ''), '[*_\`#>~]+', '', 'g'),
                       ${ownLanguage(q)}, ${HEADLINE_OPTIONS}) as snippet,
           coalesce(p.id = t.accepted_post_id, false) as accepted, p.created_at as "createdAt"
    from posts p
    join threads t on t.id = p.thread_id
    join members m on m.id = p.author_id
    where p.id = any(${uuidArray(ids)})`);
  return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** A thread of a result page, its title highlighted like the snippets. */
export type ThreadHitRow = {
  id: string;
  title: string;
  titleMarked: string;
  lang: ContentLang;
  kind: ThreadKind;
  categorySlug: string;
  tags: string[];
  answered: boolean;
  replyCount: number;
  createdAt: Date;
};

/** Threads by id, their titles highlighted for `q`. */
export async function findThreadHits(db: Executor, ids: string[], q: string): Promise<ThreadHitRow[]> {
  if (ids.length === 0) return [];
  const result = await db.execute<ThreadHitRow>(sql`
    select t.id, t.title, t.lang, t.kind, c.slug as "categorySlug",
           ts_headline(public.search_config(t.lang), translate(t.title, e'\\u0002\\u0003', ''),
                       ${ownLanguage(q, sql`t.lang`)}, 'StartSel=\u0002, StopSel=\u0003, HighlightAll=true') as "titleMarked",
           array(select tt.tag from thread_tags tt where tt.thread_id = t.id order by tt.tag) as tags,
           (t.accepted_post_id is not null) as answered, t.reply_count as "replyCount", t.created_at as "createdAt"
    from threads t
    join categories c on c.id = t.category_id
    where t.id = any(${uuidArray(ids)})`);
  return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}
