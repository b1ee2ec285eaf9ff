import type { Translator } from '@server/i18n/i18n';
import type { ListedThread, PublicContent } from '@server/forum';
import type { Locale } from '@shared/constants';
import { categoryPath, PATHS, threadPath } from '@shared/routes';
import { atomFeed, type AtomEntry, type AtomFeed } from './atom';
import { createPreviewCache, type RenderedPreview } from './preview';
import { robotsTxt } from './robots';
import { sitemapIndex, urlSet, type SitemapEntry } from './sitemap';

/** The most addresses one sitemap may list (sitemaps.org). */
export const SITEMAP_MAX_URLS = 50_000;

/** How the syndication service is built; the sizes have defaults (tests choose small ones). */
export interface SyndicationDeps {
  content: PublicContent;
  translator: Translator;
  /** The site's public address, without a trailing slash: every published link is absolute. */
  baseUrl: string;
  /** Threads per sitemap page (at most 50 000). */
  sitemapPageSize?: number;
  /** Entries per feed of threads and per thread feed. */
  feedSize?: number;
  /** Link previews kept rendered in memory. */
  previewCacheSize?: number;
}

/** How long the cut of the thread list into sitemap pages is reused by the pages' requests. */
const PAGE_CUT_TTL_MS = 10 * 60 * 1000;
/**
 * How long a cut is reused even by the index, or by a request for a page past its end: a crawler (or
 * anyone) asking again and again costs one pass over the threads a minute at most.
 */
const PAGE_CUT_MIN_AGE_MS = 60 * 1000;

/** A thread the request named was merged: its feed or preview is the target's. */
export interface MergedInto {
  mergedInto: string;
}

/** The language tag of the interface language in documents (Ágora's Portuguese is Brazil's). */
const languageTag = (locale: Locale) => (locale === 'pt' ? 'pt-BR' : locale);

/**
 * What the public web reads beyond the pages: robots.txt, sitemaps, Atom feeds and link-preview images,
 * all of public content only (what the forum lets a visitor read), with absolute addresses.
 */
export function createSyndicationService(deps: SyndicationDeps) {
  const { content, translator, baseUrl } = deps;
  const pageSize = Math.min(deps.sitemapPageSize ?? SITEMAP_MAX_URLS, SITEMAP_MAX_URLS);
  const feedSize = deps.feedSize ?? 50;
  const previews = createPreviewCache(deps.previewCacheSize ?? 500);
  const site = translator.t('en', 'common:brand.name');
  const url = (path: string) => `${baseUrl}${path}`;

  // The index cuts the thread list into pages (their first ids) in one pass; each page's request then
  // reads its threads by keyset from that cut. The cut is kept for a while in this process: a thread
  // started since lands on the page its id falls in, and the index of the next crawl cuts anew.
  let cut: { at: number; pages: Promise<{ first: string; lastmod: Date }[]> } | undefined;
  const pagesOfThreads = (maxAgeMs: number) => {
    if (!cut || Date.now() - cut.at > maxAgeMs) {
      const pages = content.threadPages(pageSize);
      const made = { at: Date.now(), pages };
      cut = made;
      // Concurrent requests share the pass; a failed one is not kept.
      pages.catch(() => {
        if (cut === made) cut = undefined;
      });
    }
    return cut.pages;
  };

  const feedText = (locale: Locale, key: string, params: Record<string, unknown> = {}) =>
    translator.t(locale, `syndication:feeds.${key}`, { site, ...params });

  const newest = (dates: readonly Date[]) =>
    dates.reduce<Date | undefined>((a, b) => (a && a >= b ? a : b), undefined);

  const threadEntry = (thread: ListedThread, categoryName: string | undefined): AtomEntry => ({
    id: `urn:uuid:${thread.id}`,
    title: { text: thread.title, lang: thread.lang },
    link: url(threadPath(thread.id)),
    published: thread.createdAt,
    updated: thread.lastmod,
    content: thread.html === null ? null : { text: thread.html, lang: thread.lang },
    category: { term: thread.categorySlug, label: categoryName, scheme: url('/c/') },
  });

  const feed = (
    locale: Locale,
    parts: Omit<AtomFeed, 'lang' | 'author' | 'icon' | 'updated'>,
    fallbackUpdated: Date,
  ) =>
    atomFeed({
      ...parts,
      lang: languageTag(locale),
      author: site,
      icon: url('/favicon.svg'),
      updated: newest(parts.entries.map((entry) => entry.updated)) ?? fallbackUpdated,
    });

  return {
    /** `/robots.txt`. */
    robots(): string {
      return robotsTxt(baseUrl);
    },

    /** `/sitemap.xml`: the categories' sitemap and one sitemap per page of threads, with their last change. */
    async sitemapIndex(): Promise<string> {
      const [categories, pages] = await Promise.all([
        content.categories(),
        pagesOfThreads(PAGE_CUT_MIN_AGE_MS),
      ]);
      const sitemaps: SitemapEntry[] = [];
      const latest = newest(categories.map((category) => category.lastmod));
      sitemaps.push({ loc: url('/sitemaps/categories.xml'), lastmod: latest ?? new Date(0) });
      pages.forEach((page, i) =>
        sitemaps.push({ loc: url(`/sitemaps/threads-${i + 1}.xml`), lastmod: page.lastmod }),
      );
      return sitemapIndex(sitemaps);
    },

    /** `/sitemaps/categories.xml`: the home page, the latest threads and every category a visitor may read. */
    async categoriesSitemap(): Promise<string> {
      const categories = await content.categories();
      const latest = newest(categories.map((category) => category.lastmod)) ?? new Date(0);
      return urlSet([
        { loc: url(PATHS.home), lastmod: latest },
        { loc: url(PATHS.latest), lastmod: latest },
        ...categories.map((category) => ({
          loc: url(categoryPath(category.slug)),
          lastmod: category.lastmod,
        })),
      ]);
    },

    /** `/sitemaps/threads-<n>.xml` (from 1): the threads of page `n`, or undefined past the last page. */
    async threadsSitemap(n: number): Promise<string | undefined> {
      let pages = await pagesOfThreads(PAGE_CUT_TTL_MS);
      // A page the kept cut lacks may exist by now.
      if (!pages[n - 1]) pages = await pagesOfThreads(PAGE_CUT_MIN_AGE_MS);
      const page = pages[n - 1];
      if (!page) return undefined;
      const threads = await content.threadsFrom({
        from: page.first,
        before: pages[n]?.first ?? null,
        limit: pageSize,
      });
      return urlSet(threads.map((thread) => ({ loc: url(threadPath(thread.id)), lastmod: thread.lastmod })));
    },

    /** `/feeds/latest.atom`: the latest threads, titled in `locale`. */
    async latestFeed(locale: Locale): Promise<string> {
      const { threads, categoryNames } = await content.latest(locale, feedSize);
      return feed(
        locale,
        {
          self: url('/feeds/latest.atom'),
          alternate: url(PATHS.latest),
          title: feedText(locale, 'latest.title'),
          subtitle: feedText(locale, 'latest.subtitle'),
          entries: threads.map((thread) => threadEntry(thread, categoryNames.get(thread.categorySlug))),
        },
        new Date(0),
      );
    },

    /** `/feeds/c/<slug>.atom`: a category's latest threads; 404 for a category a visitor may not read. */
    async categoryFeed(locale: Locale, slug: string): Promise<string> {
      const { category, threads } = await content.category(locale, slug, feedSize);
      return feed(
        locale,
        {
          self: url(`/feeds/c/${encodeURIComponent(category.slug)}.atom`),
          alternate: url(categoryPath(category.slug)),
          title: feedText(locale, 'category.title', { category: category.name }),
          subtitle: feedText(locale, 'category.subtitle', { category: category.name }),
          entries: threads.map((thread) => threadEntry(thread, category.name)),
        },
        new Date(0),
      );
    },

    /**
     * `/feeds/t/<id>.atom`: a thread's latest published posts, newest first; 404 for a thread a visitor
     * may not read, and the target for a merged one.
     */
    async threadFeed(locale: Locale, id: string): Promise<string | MergedInto> {
      const { thread, posts } = await content.thread(id, feedSize);
      if (thread.mergedIntoId) return { mergedInto: thread.mergedIntoId };
      const page = url(threadPath(thread.id));
      return feed(
        locale,
        {
          self: url(`/feeds/t/${thread.id}.atom`),
          alternate: page,
          title: feedText(locale, 'thread.title', { title: thread.title }),
          subtitle: feedText(locale, 'thread.subtitle'),
          entries: posts.map((post) => ({
            id: `urn:uuid:${post.id}`,
            title:
              post.seq === 1
                ? { text: thread.title, lang: thread.lang }
                : { text: feedText(locale, 'thread.postTitle', { number: post.seq, title: thread.title }) },
            link: `${page}#post-${post.id}`,
            published: post.createdAt,
            updated: post.editedAt ?? post.createdAt,
            content: { text: post.html, lang: post.lang === 'other' ? undefined : post.lang },
          })),
        },
        thread.createdAt,
      );
    },

    /**
     * `/t/<id>/preview.png`: the thread's link-preview image, in the thread's language; 404 for a thread
     * a visitor may not read, and the target for a merged one.
     */
    async preview(id: string): Promise<RenderedPreview | MergedInto> {
      const { thread, categoryName } = await content.card(id);
      if (thread.mergedIntoId) return { mergedInto: thread.mergedIntoId };
      const answered = thread.kind === 'question' && thread.acceptedPostId !== null;
      return previews.get(thread.id, {
        title: thread.title,
        lang: thread.lang,
        category: categoryName,
        answered: answered ? translator.t(thread.lang, 'forum:thread.answered') : null,
        site,
      });
    },
  };
}

/** The syndication service. */
export type SyndicationService = ReturnType<typeof createSyndicationService>;
