import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type RequestHandler } from 'express';
import { isClientRoute } from '@shared/routes';
import { notFound } from '@server/errors';
import { precompressed } from './compress';

/** The repository (or installed package) root, from the source tree and from the bundle alike. */
export function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** Where `npm run build` puts the web client. */
export function clientDistDir(): string {
  return path.join(projectRoot(), 'dist', 'client');
}

/**
 * Serves the built client: hashed assets cached for a year (a missing one is a 404), and every other GET
 * that is not the API answered with a page: rendered on the server by `pages` (server/web), or else the
 * app's shell, never cached (status 404 when the client has no such page).
 */
export function clientRoutes(pages?: RequestHandler): Router {
  const dir = clientDistDir();
  const router = Router();
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    router.use((_req, res) => {
      res.status(503).type('text/plain').send('The web client is not built yet: run `npm run build`.');
    });
    return router;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  // Hashed assets: the build's .br or .gz when the browser takes it, else the file itself.
  router.use('/assets', precompressed(path.join(dir, 'assets'), { maxAge: '365d', immutable: true }));
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
    }),
  );
  // A missing (or unreadable) asset is a 404 in the API's error shape: never the app's page, whose
  // HTML a browser would try to run as a script, and never a 500.
  router.use('/assets', (_req, _res, next) => next(notFound()));
  // Every other address is a page: rendered on the server when the renderer is given, else the app's
  // shell. A page's address has no file extension: it goes straight to the renderer, without looking
  // for a file on disk first (two file-system calls on every page view).
  if (pages) {
    router.use((req, res, next) => (path.extname(req.path) ? next() : pages(req, res, next)));
  }
  router.use(precompressed(dir, { maxAge: '1h', immutable: false }));
  router.use(express.static(dir, { index: false, maxAge: '1h' }));
  if (pages) {
    router.use(pages);
    return router;
  }
  router.get(/.*/, (req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res
      .status(isClientRoute(req.path) ? 200 : 404)
      .type('html')
      .send(indexHtml);
  });
  return router;
}
