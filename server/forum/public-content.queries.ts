import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@server/db/pool';
import { categories, posts, threads } from '@server/db/schema';
import type { ContentLang, Locale } from '@shared/constants';
import type { ThreadKind } from '@shared/api/threads';
import { listedThreads, type HiddenThreadsShown, type ReadableAccess } from './thread.queries';

/** Who the lists below are for: the categories' access levels and the hidden threads shown. */
export interface ListedFor {
  access: ReadableAccess;
  hidden: HiddenThreadsShown;
}

// The opening post: its edits count as the thread's changes, and its text is a feed entry's content.
const rootPost = alias(posts, 'root_post');
const lastChange = () =>
  sql<Date>`greatest(${threads.lastPostAt}, ${rootPost.editedAt})`.mapWith(threads.lastPostAt);

/**
 * One field of a thread's opening post, read by its own index probe: in a list cut by a limit, the
 * database reads it only for the threads kept, after the order is settled by the threads' indexes.
 */
function rootField<T>(db: Executor, field: SQL<T>) {
  return db
    .select({ value: field })
    .from(rootPost)
    .where(and(eq(rootPost.threadId, threads.id), eq(rootPost.seq, 1)))
    .limit(1);
}

/** `lastChange`, for a limited list: the opening post's edit read for each thread kept. */
const lastChangeProbed = (db: Executor) =>
  sql<Date>`greatest(${threads.lastPostAt}, (${rootField(db, sql<Date | null>`${rootPost.editedAt}`)}))`.mapWith(
    threads.lastPostAt,
  );

/**
 * The categories listed for a reader that are not archived, each with its latest listed thread's
 * activity (or its creation when it has none): one index probe per category.
 */
export async function listedCategoriesWithActivity(
  db: Executor,
  reader: ListedFor,
): Promise<{ slug: string; lastmod: Date }[]> {
  const latest = db
    .select({ at: threads.lastPostAt })
    .from(threads)
    .where(and(eq(threads.categoryId, categories.id), ...listedThreads(reader.access, reader.hidden)))
    .orderBy(desc(threads.lastPostAt))
    .limit(1);
  return db
    .select({
      slug: categories.slug,
      lastmod: sql<Date>`coalesce((${latest}), ${categories.createdAt})`.mapWith(categories.createdAt),
    })
    .from(categories)
    .where(and(isNull(categories.archivedAt), inArray(categories.readAccess, reader.access)))
    .orderBy(asc(categories.position), asc(categories.slug));
}

/**
 * The pages of a list of every listed thread (in categories that are not archived) in id order, `size`
 * threads a page: each page's first thread id and its latest change. One pass over the listed threads'
 * ids; a page is then read by keyset (`listedThreadsFrom`).
 */
export async function listedThreadPages(
  db: Executor,
  reader: ListedFor,
  size: number,
): Promise<{ first: string; lastmod: Date }[]> {
  const numbered = db
    .select({
      id: threads.id,
      lastmod: lastChange().as('lastmod'),
      rn: sql<number>`row_number() over (order by ${threads.id})`.as('rn'),
    })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .leftJoin(rootPost, and(eq(rootPost.threadId, threads.id), eq(rootPost.seq, 1)))
    .where(and(...listedThreads(reader.access, reader.hidden), isNull(categories.archivedAt)))
    .as('numbered');
  const paged = db
    .select({
      id: numbered.id,
      rn: numbered.rn,
      pageLastmod:
        sql<Date>`max(${numbered.lastmod}) over (partition by (${numbered.rn} - 1) / ${size}::int)`.as(
          'page_lastmod',
        ),
    })
    .from(numbered)
    .as('paged');
  const rows = await db
    .select({
      first: paged.id,
      lastmod: sql<Date>`${paged.pageLastmod}`.mapWith(threads.lastPostAt),
    })
    .from(paged)
    .where(sql`(${paged.rn} - 1) % ${size}::int = 0`)
    .orderBy(asc(paged.rn));
  return rows.map((row) => ({ first: String(row.first), lastmod: row.lastmod }));
}

/**
 * Up to `limit` listed threads (in categories that are not archived) from id `from` on, before id
 * `before` when given, in id order: one page of the list `listedThreadPages` cut, by keyset.
 */
export function listedThreadsFrom(
  db: Executor,
  reader: ListedFor,
  range: { from: string; before: string | null; limit: number },
): Promise<{ id: string; lastmod: Date }[]> {
  const filters = [
    ...listedThreads(reader.access, reader.hidden),
    isNull(categories.archivedAt),
    gte(threads.id, range.from),
  ];
  if (range.before) filters.push(lt(threads.id, range.before));
  return db
    .select({ id: threads.id, lastmod: lastChangeProbed(db) })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .where(and(...filters))
    .orderBy(asc(threads.id))
    .limit(range.limit);
}

/** A listed thread as a feed shows it: what it is, when it started and changed, and its opening post. */
export interface ListedThread {
  id: string;
  title: string;
  lang: Locale;
  kind: ThreadKind;
  categorySlug: string;
  answered: boolean;
  createdAt: Date;
  lastmod: Date;
  /** The opening post's sanitized HTML; null when it is removed or hidden. */
  html: string | null;
}

/**
 * The latest listed threads by activity (as the "latest" list orders them, without pins): of one
 * category, or of every category that is not archived.
 */
export function latestListedThreads(
  db: Executor,
  reader: ListedFor,
  input: { categoryId?: string; limit: number },
): Promise<ListedThread[]> {
  const filters = listedThreads(reader.access, reader.hidden);
  filters.push(input.categoryId ? eq(threads.categoryId, input.categoryId) : isNull(categories.archivedAt));
  return db
    .select({
      id: threads.id,
      title: threads.title,
      lang: threads.lang,
      kind: threads.kind,
      categorySlug: categories.slug,
      answered: sql<boolean>`${threads.acceptedPostId} is not null`,
      createdAt: threads.createdAt,
      lastmod: lastChangeProbed(db),
      html: sql<string | null>`(${rootField(
        db,
        sql<
          string | null
        >`case when ${rootPost.deletedAt} is null and ${rootPost.hiddenAt} is null then ${rootPost.bodyHtml} end`,
      )})`,
    })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .where(and(...filters))
    .orderBy(desc(threads.lastPostAt), desc(threads.id))
    .limit(input.limit);
}

/** A published post as a feed shows it. */
export interface PublishedPost {
  id: string;
  seq: number;
  lang: ContentLang;
  html: string;
  createdAt: Date;
  editedAt: Date | null;
}

/** A thread's latest published posts (neither removed nor hidden), newest first: one index range. */
export function latestPublishedPosts(
  db: Executor,
  threadId: string,
  limit: number,
): Promise<PublishedPost[]> {
  return db
    .select({
      id: posts.id,
      seq: posts.seq,
      lang: sql<ContentLang>`coalesce(${posts.lang}, 'other')`,
      html: posts.bodyHtml,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
    })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), isNull(posts.deletedAt), isNull(posts.hiddenAt)))
    .orderBy(desc(posts.seq))
    .limit(limit);
}
