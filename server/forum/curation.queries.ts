import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { categories, posts, threadFollows, threadReads, threads } from '@server/db/schema';
import type { ReadableAccess, ThreadRow } from './thread.queries';
import { threadSelect } from './thread.queries';

/** Position in the featured list: when the last thread was featured, and its id. */
export interface FeaturedCursor {
  featuredAt: string;
  id: string;
}

/** Featured threads of readable, live categories, most recently featured first. */
export function listFeatured(
  db: Executor,
  input: { access: ReadableAccess; memberId: string | null; cursor?: FeaturedCursor; limit: number },
): Promise<ThreadRow[]> {
  const filters: SQL[] = [
    sql`${threads.featuredAt} is not null`,
    inArray(categories.readAccess, input.access),
    isNull(categories.archivedAt),
    isNull(threads.archivedAt),
    isNull(threads.mergedIntoId),
    isNull(threads.hiddenAt),
    isNull(threads.deletedAt),
  ];
  if (input.cursor) {
    filters.push(
      sql`(${threads.featuredAt}, ${threads.id}) < (${input.cursor.featuredAt}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  }
  return threadSelect(db, input.memberId)
    .where(and(...filters))
    .orderBy(desc(threads.featuredAt), desc(threads.id))
    .limit(input.limit);
}

/**
 * Seconds `memberId` must still wait before posting again in a thread in slow mode of `minutes`, counted
 * by the database's clock from their latest post there (deleted ones too); zero or less means now.
 */
export async function slowModeWaitSeconds(
  tx: Executor,
  input: { threadId: string; memberId: string; minutes: number },
): Promise<number> {
  const [row] = await tx
    .select({
      wait: sql<number>`coalesce(extract(epoch from max(${posts.createdAt}) + make_interval(mins => ${input.minutes}::int) - now()), 0)::float8`,
    })
    .from(posts)
    .where(and(eq(posts.threadId, input.threadId), eq(posts.authorId, input.memberId)));
  return Number(row?.wait ?? 0);
}

/**
 * Moves every post of thread `from` to the end of thread `into`: new seqs after `into`'s last, in the
 * posts' time order; paths rebuilt so that `from`'s opening post hangs under `into`'s opening post and
 * the rest keep their tree beneath it. Reactions and revisions follow their posts (same ids). Returns
 * the number of posts moved. Both threads must be locked by the caller.
 */
export async function movePosts(
  tx: Executor,
  input: { from: string; into: string; intoRootId: string; intoPostCount: number },
): Promise<number> {
  // Each old seq of `from` gets its new seq; paths are rewritten element by element through that map.
  const result = await tx.execute(sql`
    with renumbered as (
      select id, seq as old_seq,
             (${input.intoPostCount} + row_number() over (order by created_at, seq))::int as new_seq
        from ${posts} where thread_id = ${input.from}
    )
    update ${posts} as p
       set thread_id = ${input.into},
           seq = r.new_seq,
           parent_id = coalesce(p.parent_id, ${input.intoRootId}::uuid),
           path = array[1] || array(
             select m.new_seq from unnest(p.path) with ordinality as old(s, ord)
               join renumbered m on m.old_seq = old.s
              order by old.ord
           )
      from renumbered r
     where p.id = r.id`);
  return result.rowCount ?? 0;
}

/** The ids of a thread's posts. */
export async function postIdsOfThread(tx: Executor, threadId: string): Promise<string[]> {
  const rows = await tx.select({ id: posts.id }).from(posts).where(eq(posts.threadId, threadId));
  return rows.map((row) => row.id);
}

/**
 * Re-indexes a thread's posts whose place changed (an opening post that became a reply loses the old
 * thread's title and tags): the search trigger runs on any write that names `lang`.
 */
export async function reindexPosts(tx: Executor, postIds: string[]): Promise<void> {
  if (postIds.length === 0) return;
  await tx
    .update(posts)
    .set({ lang: sql`${posts.lang}` })
    .where(inArray(posts.id, postIds));
}

/** Recomputes a thread's counters from its posts: post count (highest seq), live replies, last post. */
export async function recountThread(tx: Executor, threadId: string): Promise<void> {
  await tx.execute(sql`
    update ${threads} t
       set post_count = c.post_count,
           reply_count = c.reply_count,
           last_post_at = greatest(t.last_post_at, c.last_post_at),
           last_poster_id = case when c.last_post_at > t.last_post_at then c.last_poster_id else t.last_poster_id end
      from (
        select coalesce(max(seq), 0)::int as post_count,
               (count(*) filter (where seq > 1 and deleted_at is null))::int as reply_count,
               max(created_at) as last_post_at,
               (array_agg(author_id order by created_at desc, seq desc))[1] as last_poster_id
          from ${posts} where thread_id = ${threadId}
      ) c
     where t.id = ${threadId}`);
}

/**
 * Carries read positions from `from` to `into` for a merge; call it before `movePosts`. Posts
 * `1..intoPostCount` are `into`'s own and `from`'s follow them in time order. A member who had read all
 * of `into` reads on through `from`'s posts as far as they had read them without a gap; a member who had
 * not read all of `into` keeps their place; a member who had read only `from` starts `into` from the
 * beginning (its posts are new to them). `from`'s read rows go.
 */
export async function carryReadPositions(
  tx: Executor,
  input: { from: string; into: string; intoPostCount: number },
): Promise<void> {
  const { from, into, intoPostCount } = input;
  await tx.execute(sql`
    with ordered as (
      select seq as old_seq, row_number() over (order by created_at, seq) as rank
        from ${posts} where thread_id = ${from}
    ),
    carried as (
      select o.member_id,
             case
               when r.last_read_seq is null then 0
               when r.last_read_seq < ${intoPostCount} then r.last_read_seq
               else ${intoPostCount} + coalesce(
                 (select min(rank) - 1 from ordered where old_seq > o.last_read_seq),
                 (select count(*) from ordered)
               )
             end::int as seq
        from ${threadReads} o
        left join ${threadReads} r on r.thread_id = ${into} and r.member_id = o.member_id
       where o.thread_id = ${from}
    )
    insert into ${threadReads} (member_id, thread_id, last_read_seq)
    select member_id, ${into}::uuid, seq from carried
    on conflict (member_id, thread_id) do update
       set last_read_seq = greatest(${threadReads.lastReadSeq}, excluded.last_read_seq), updated_at = now()`);
  await tx.delete(threadReads).where(eq(threadReads.threadId, from));
}

/** Moves follows of `from` to `into` (a member following both keeps one follow). */
export async function carryFollows(tx: Executor, from: string, into: string): Promise<void> {
  await tx.execute(sql`
    insert into ${threadFollows} (member_id, thread_id, created_at)
    select member_id, ${into}::uuid, created_at from ${threadFollows} where thread_id = ${from}
    on conflict do nothing`);
  await tx.delete(threadFollows).where(eq(threadFollows.threadId, from));
}

/** Marks a thread merged: emptied, out of lists, its address leading to `into`. */
export async function markMerged(tx: Executor, threadId: string, into: string): Promise<void> {
  await tx
    .update(threads)
    .set({
      mergedIntoId: into,
      postCount: 0,
      replyCount: 0,
      acceptedPostId: null,
      pinnedAt: null,
      pinScope: null,
      featuredAt: null,
    })
    .where(eq(threads.id, threadId));
}
