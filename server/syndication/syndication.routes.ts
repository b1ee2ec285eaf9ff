import { Router, type Response } from 'express';
import { notFound } from '@server/errors';
import type { MergedInto, SyndicationService } from './syndication.service';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const THREAD_FEED = new RegExp(`^(${UUID})\\.atom$`, 'i');
const THREAD_ID = new RegExp(`^${UUID}$`, 'i');
const CATEGORY_FEED = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.atom$/;
const THREADS_SITEMAP = /^threads-([1-9][0-9]{0,5})\.xml$/;

const isMerged = (value: object): value is MergedInto => 'mergedInto' in value;

/** An XML document crawlers may keep for `maxAge` seconds. */
function sendXml(res: Response, type: string, body: string, maxAge: number): void {
  res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
  res.type(type).send(body);
}

/**
 * A feed: in the reader's language (chosen by `?lang`, the language cookie or `Accept-Language`), so
 * caches keep one per language; feed readers in browsers may fetch it from other sites (public content,
 * no credentials).
 */
function sendFeed(res: Response, body: string): void {
  res.vary('Accept-Language');
  res.vary('Cookie');
  res.setHeader('Access-Control-Allow-Origin', '*');
  sendXml(res, 'application/atom+xml; charset=utf-8', body, 300);
}

/**
 * The public web's machine-readable pages, for visitors and crawlers without a session: robots.txt,
 * the sitemaps, the Atom feeds and the threads' link-preview images. Only public content: what a
 * visitor may not read is a 404, as it is on its page.
 */
export function syndicationRoutes(service: SyndicationService): Router {
  const router = Router();

  router.get('/robots.txt', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/plain; charset=utf-8').send(service.robots());
  });

  router.get('/sitemap.xml', async (_req, res) => {
    sendXml(res, 'application/xml; charset=utf-8', await service.sitemapIndex(), 3600);
  });

  router.get('/sitemaps/:file', async (req, res) => {
    let body: string | undefined;
    if (req.params.file === 'categories.xml') body = await service.categoriesSitemap();
    else {
      const page = THREADS_SITEMAP.exec(req.params.file)?.[1];
      if (page) body = await service.threadsSitemap(Number(page));
    }
    if (body === undefined) throw notFound();
    sendXml(res, 'application/xml; charset=utf-8', body, 3600);
  });

  router.get('/feeds/latest.atom', async (req, res) => {
    sendFeed(res, await service.latestFeed(req.locale));
  });

  router.get('/feeds/c/:file', async (req, res) => {
    const slug = CATEGORY_FEED.exec(req.params.file)?.[1];
    if (!slug) throw notFound();
    sendFeed(res, await service.categoryFeed(req.locale, slug));
  });

  router.get('/feeds/t/:file', async (req, res) => {
    const id = THREAD_FEED.exec(req.params.file)?.[1]?.toLowerCase();
    if (!id) throw notFound();
    const feed = await service.threadFeed(req.locale, id);
    if (typeof feed !== 'string') return res.redirect(301, `/feeds/t/${feed.mergedInto}.atom`);
    sendFeed(res, feed);
  });

  router.get('/t/:id/preview.png', async (req, res) => {
    if (!THREAD_ID.test(req.params.id)) throw notFound();
    const preview = await service.preview(req.params.id.toLowerCase());
    if (isMerged(preview)) return res.redirect(301, `/t/${preview.mergedInto}/preview.png`);
    // The address stays while the thread changes: kept an hour, then revalidated by its tag.
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', preview.etag);
    // Shown by other sites (link previews): helmet's same-origin default would block it there.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type('image/png').send(preview.png);
  });

  return router;
}
