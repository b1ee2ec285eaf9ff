import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { mountedRoutes } from '../authz/mounted-routes';
import { checkAgainstDocument } from '../helpers/openapi-check';

/**
 * Routes still answered by hand-written routers rather than mounted from the contract. Each is moved
 * into its feature's table in `shared/api/`; the list only shrinks, and the document lists every route
 * once it is empty.
 */
const NOT_YET_IN_CONTRACT = new Set<string>([]);

const openApiPath = (path: string) => path.replace(/:([A-Za-z]\w*)/g, '{$1}');

describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: {
    [key: string]: unknown;
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; 'x-access': string }>>;
  };

  before(async () => {
    app = await getTestApp();
    const res = await new ApiClient(app.url).get('/api/v1/openapi.json').expect(200);
    assert.match(res.headers['content-type'] ?? '', /application\/json/);
    document = res.body as typeof document;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(document.openapi, '3.1.0');
    const result = await new Validator().validate(document);
    assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
  });

  it('lists every /api/v1 route the server mounts, and no route it does not', () => {
    const mounted = mountedRoutes(app.app)
      .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'all')
      .map((route) => `${route.method.toUpperCase()} ${route.path.slice('/api/v1'.length)}`)
      .filter((key) => key !== 'GET /openapi.json');
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const missing = mounted.filter(
      (key) => !NOT_YET_IN_CONTRACT.has(key) && !documented.includes(openApiPath(key)),
    );
    assert.deepEqual(missing, [], 'mounted but not in the document');
    const phantom = documented.filter((key) => !mounted.map(openApiPath).includes(key));
    assert.deepEqual(phantom, [], 'in the document but not mounted');
    const stale = [...NOT_YET_IN_CONTRACT].filter((key) => documented.includes(openApiPath(key)));
    assert.deepEqual(stale, [], 'in the contract now: take it off NOT_YET_IN_CONTRACT');
  });

  it('is rendered readably at /api/docs from files this server serves', async () => {
    const client = new ApiClient(app.url);
    const page = await client.get('/api/docs').expect(200);
    assert.match(page.text, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(page.text, /https?:\/\//, 'no asset from another origin');
    await client.get('/api/docs/assets/swagger-ui-bundle.js').expect(200);
    await client.get('/api/docs/assets/swagger-ui.css').expect(200);
    await client.get('/api/docs/start.js').expect(200);
  });

  it('is what every API test checks answers against: a renamed field or an undeclared error fails', () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const url = '/api/v1/notifications/unread';
    assert.equal(
      checkAgainstDocument('GET', url, { status: 200, headers: json, body: { unread: 2 } }),
      undefined,
    );
    assert.ok(checkAgainstDocument('GET', url, { status: 200, headers: json, body: { unreadCount: 2 } }));
    assert.ok(checkAgainstDocument('GET', url, { status: 201, headers: json, body: { unread: 2 } }));
    const envelope = (code: string) => ({ error: { code, message: 'Something.' } });
    assert.equal(
      checkAgainstDocument('GET', url, { status: 401, headers: json, body: envelope('unauthenticated') }),
      undefined,
    );
    assert.ok(
      checkAgainstDocument('GET', url, { status: 409, headers: json, body: envelope('email_taken') }),
    );
    assert.ok(checkAgainstDocument('GET', url, { status: 500, headers: {}, body: '' }));
  });
});
