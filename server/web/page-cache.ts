import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** A rendered page as visitors get it: its status, its HTML, and the HTML compressed once for all of them. */
export interface CachedPage {
  status: number;
  html: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
  /** What the page shows (`thread:<id>`, `lists`, …): an event about one of them drops it. */
  tags: readonly string[];
  storedAt: number;
}

/** Cache options: how many pages, and how long one is trusted without an event (other processes write too). */
export interface PageCacheOptions {
  maxEntries: number;
  ttlMs: number;
}

export const DEFAULT_PAGE_CACHE: PageCacheOptions = { maxEntries: 2000, ttlMs: 60_000 };

/**
 * Visitors' rendered pages, per address and language, most recently used kept. A write drops the pages
 * it changes through the domain events (`drop`); as this process hears only its own events, a page is
 * also trusted for `ttlMs` at most, so another process's write shows within that time.
 */
export function createPageCache(options: PageCacheOptions = DEFAULT_PAGE_CACHE, now = Date.now) {
  const pages = new Map<string, CachedPage>();
  let generation = 0;

  return {
    get(key: string): CachedPage | undefined {
      const page = pages.get(key);
      if (!page) return undefined;
      pages.delete(key);
      if (now() - page.storedAt > options.ttlMs) return undefined;
      pages.set(key, page);
      return page;
    },

    /**
     * Stores a page compressed at brotli's highest quality (once, for every visitor after). A page whose
     * content changed while it was rendered (an event in between) is not stored.
     */
    async store(key: string, page: { status: number; html: string; tags: readonly string[] }, since: number) {
      // A cache that keeps nothing (turned off) would compress every page twice only to drop it.
      if (options.maxEntries <= 0) return;
      const html = Buffer.from(page.html);
      const [br, gz] = await Promise.all([
        brotli(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
        gzip(html, { level: 9 }),
      ]);
      if (since !== generation) return;
      const etag = `W/"${createHash('sha1').update(html).digest('base64url').slice(0, 20)}"`;
      pages.set(key, { status: page.status, html, br, gzip: gz, etag, tags: page.tags, storedAt: now() });
      while (pages.size > options.maxEntries) {
        const oldest = pages.keys().next().value;
        if (oldest === undefined) break;
        pages.delete(oldest);
      }
    },

    /** The current generation: a render remembers it, and is not stored if an event came meanwhile. */
    generation: () => generation,

    /** Drops the pages showing any of `tags` (`*`: every page). */
    drop(...tags: string[]) {
      generation += 1;
      if (tags.includes('*')) {
        pages.clear();
        return;
      }
      for (const [key, page] of pages) {
        if (page.tags.some((tag) => tags.includes(tag))) pages.delete(key);
      }
    },

    size: () => pages.size,
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
