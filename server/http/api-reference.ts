import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import type { DocumentedTable } from '@shared/contract';
import { openApiDocument } from './openapi';

const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Ágora API reference</title>
    <link rel="icon" href="/api/docs/assets/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

// A file of its own: the content security policy allows no inline script.
const START = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  tryItOutEnabled: false,
});
`;

/**
 * The API's reference: the OpenAPI 3.1 document generated from the contract at `/api/v1/openapi.json`,
 * and a readable rendering of it at `/api/docs` (Swagger UI, served from this server, no CDN).
 */
export function apiReference(tables: readonly DocumentedTable[], version: string): Router {
  const router = Router();
  let document: string | undefined;
  router.get('/api/v1/openapi.json', (_req, res) => {
    document ??= JSON.stringify(openApiDocument(tables, version));
    res.type('application/json').setHeader('Cache-Control', 'no-cache');
    res.send(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/api/docs/start.js', (_req, res) => {
    res.type('text/javascript').send(START);
  });
  router.use(
    '/api/docs/assets',
    express.static(SWAGGER_UI_DIR, { index: false, fallthrough: false, maxAge: '1d' }),
  );
  return router;
}
