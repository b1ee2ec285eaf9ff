import type { Database } from '@server/db/pool';
import type { Locale } from '@shared/constants';
import type { CategoryService } from './category.service';
import type { ThreadService } from './thread.service';
import { hiddenThreadsShown, readableAccess } from './thread.policy';
import {
  latestListedThreads,
  latestPublishedPosts,
  listedCategoriesWithActivity,
  listedThreadPages,
  listedThreadsFrom,
  type ListedFor,
} from './public-content.queries';

export type { ListedThread, PublishedPost } from './public-content.queries';

/**
 * What a visitor may read, for what publishes it beyond the site's pages (sitemaps, feeds, link
 * previews): the forum's own rules for a reader who is not signed in (`readableAccess`,
 * `hiddenThreadsShown`, `readable`), never a copy of them. Nothing here counts a view.
 */
export function createPublicContent(db: Database, threads: ThreadService, categories: CategoryService) {
  const visitor: ListedFor = { access: readableAccess(null), hidden: hiddenThreadsShown(null) };

  return {
    /** The categories a visitor may read that are not archived, with their latest activity. */
    categories() {
      return listedCategoriesWithActivity(db, visitor);
    },

    /** The list of every thread a visitor may read cut into pages of `size`: each page's first id and latest change. */
    threadPages(size: number) {
      return listedThreadPages(db, visitor, size);
    },

    /** One page of that list: threads from id `from` on, before `before`, at most `limit`. */
    threadsFrom(range: { from: string; before: string | null; limit: number }) {
      return listedThreadsFrom(db, visitor, range);
    },

    /** The latest threads a visitor may read, and the categories' names in `locale` by slug. */
    async latest(locale: Locale, limit: number) {
      const [rows, listed] = await Promise.all([
        latestListedThreads(db, visitor, { limit }),
        categories.list(locale, null),
      ]);
      return { threads: rows, categoryNames: new Map(listed.map((c) => [c.slug, c.name])) };
    },

    /** A category a visitor may read (by slug, named in `locale`) and its latest threads, or 404. */
    async category(locale: Locale, slug: string, limit: number) {
      const category = await categories.get(locale, slug, null);
      const rows = await latestListedThreads(db, visitor, { categoryId: category.id, limit });
      return { category, threads: rows };
    },

    /**
     * A thread a visitor may read and its latest published posts, newest first, or 404. A merged
     * thread comes without posts: they are in the thread it points to.
     */
    async thread(id: string, limit: number) {
      const thread = await threads.readable(null, id);
      const posts = thread.mergedIntoId ? [] : await latestPublishedPosts(db, id, limit);
      return { thread, posts };
    },

    /** A thread a visitor may read with its category's name in the thread's language (a link preview), or 404. */
    async card(id: string) {
      const thread = await threads.readable(null, id);
      const category = await categories.get(thread.lang, thread.categorySlug, null);
      return { thread, categoryName: category.name };
    },
  };
}

/** What a visitor may read, for sitemaps, feeds and link previews. */
export type PublicContent = ReturnType<typeof createPublicContent>;
