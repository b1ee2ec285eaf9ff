import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import type { ReadableAccess } from './thread.queries';

/** `expr in (values)`, or false for an empty list. */
const inValues = (expr: SQL, values: readonly string[]): SQL =>
  values.length
    ? sql`${expr} in (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`false`;

/** A thread a reader may see now: live, in a readable unarchived category, not hidden, deleted or merged. */
const readableThread = (access: ReadableAccess) => sql`
  t.hidden_at is null and t.deleted_at is null and t.archived_at is null and t.merged_into_id is null
  and c.archived_at is null and ${inValues(sql`c.read_access`, access)}`;

/** A thread in one of the themes: its category's slug is the theme, or it carries the theme as a tag. */
const inThemes = (themes: readonly string[]) => sql`(${inValues(sql`c.slug`, themes)} or exists (
  select 1 from thread_tags tt where tt.thread_id = t.id and ${inValues(sql`tt.tag`, themes)}))`;

/** Of these posts, the ones a reader may see now, with their thread. */
export async function readablePosts(
  db: Executor,
  postIds: readonly string[],
  access: ReadableAccess,
): Promise<Map<string, string>> {
  if (!postIds.length) return new Map();
  const result = await db.execute<{ id: string; thread_id: string }>(sql`
    select p.id, p.thread_id from posts p
    join threads t on t.id = p.thread_id
    join categories c on c.id = t.category_id
    where ${inValues(sql`p.id::text`, postIds)} and p.deleted_at is null and p.hidden_at is null
      and ${readableThread(access)}`);
  return new Map(result.rows.map((row) => [row.id, row.thread_id]));
}

/** A thread with many visible new posts by others in the window. */
export interface ActiveThreadRow {
  id: string;
  title: string;
  newPosts: number;
}

/**
 * The threads with most new visible posts by others in (since, until], among those the member follows
 * and those in their themes, most active first.
 */
export async function mostActiveThreads(
  db: Executor,
  input: {
    memberId: string;
    themes: readonly string[];
    access: ReadableAccess;
    since: Date;
    until: Date;
    limit: number;
  },
): Promise<ActiveThreadRow[]> {
  const result = await db.execute<{ id: string; title: string; new_posts: number }>(sql`
    select t.id, t.title, count(p.id)::int as new_posts
    from threads t
    join categories c on c.id = t.category_id
    join posts p on p.thread_id = t.id
    where (exists (select 1 from thread_follows f where f.member_id = ${input.memberId} and f.thread_id = t.id)
        or ${inThemes(input.themes)})
      and ${readableThread(input.access)}
      and p.created_at > ${input.since.toISOString()}::timestamptz
      and p.created_at <= ${input.until.toISOString()}::timestamptz
      and p.deleted_at is null and p.hidden_at is null
      and p.author_id is distinct from ${input.memberId}
    group by t.id, t.title
    order by new_posts desc, max(p.created_at) desc
    limit ${input.limit}`);
  return result.rows.map((row) => ({ id: row.id, title: row.title, newPosts: row.new_posts }));
}

/** An open question with no or few visible replies. */
export interface UnansweredRow {
  id: string;
  title: string;
  replies: number;
  category: string;
}

/**
 * Questions opened in (since, until] in the member's themes, by others, still without an accepted answer,
 * not closed or locked, with at most `maxReplies` visible replies; fewest replies first. The category's
 * name comes in the member's language (or the category's own).
 */
export async function unansweredQuestions(
  db: Executor,
  input: {
    memberId: string;
    themes: readonly string[];
    access: ReadableAccess;
    locale: string;
    since: Date;
    until: Date;
    maxReplies: number;
    limit: number;
  },
): Promise<UnansweredRow[]> {
  if (!input.themes.length) return [];
  const result = await db.execute<{ id: string; title: string; replies: number; category: string }>(sql`
    select t.id, t.title, r.replies, coalesce(mine.name, own.name, c.slug) as category
    from threads t
    join categories c on c.id = t.category_id
    join posts root on root.thread_id = t.id and root.seq = 1
    cross join lateral (
      select count(*)::int as replies from posts p
      where p.thread_id = t.id and p.seq > 1 and p.deleted_at is null and p.hidden_at is null
    ) r
    left join category_translations mine on mine.category_id = c.id and mine.locale = ${input.locale}
    left join category_translations own on own.category_id = c.id and own.locale = c.default_locale
    where t.kind = 'question' and t.accepted_post_id is null and t.closed_at is null and t.locked_at is null
      and ${inThemes(input.themes)}
      and ${readableThread(input.access)}
      and root.deleted_at is null and root.hidden_at is null
      and t.created_at > ${input.since.toISOString()}::timestamptz
      and t.created_at <= ${input.until.toISOString()}::timestamptz
      and t.author_id is distinct from ${input.memberId}
      and r.replies <= ${input.maxReplies}
    order by r.replies asc, t.created_at desc
    limit ${input.limit}`);
  return result.rows;
}
