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
const NOT_YET_IN_CONTRACT = new Set<string>([
  'GET /categories',
  'GET /categories/:slug',
  'GET /admin/categories',
  'POST /categories',
  'PATCH /categories/:id',
  'GET /threads/featured',
  'POST /moderation/threads/:id/pin',
  'POST /moderation/threads/:id/unpin',
  'POST /moderation/threads/:id/feature',
  'POST /moderation/threads/:id/unfeature',
  'POST /moderation/threads/:id/lock',
  'POST /moderation/threads/:id/unlock',
  'POST /moderation/threads/:id/close',
  'POST /moderation/threads/:id/reopen',
  'POST /moderation/threads/:id/slow-mode',
  'PATCH /moderation/threads/:id',
  'POST /moderation/threads/:id/move',
  'POST /moderation/threads/:id/merge',
  'GET /categories/:slug/threads',
  'GET /threads',
  'POST /threads',
  'GET /threads/:id',
  'PATCH /threads/:id',
  'GET /threads/:id/posts',
  'POST /threads/:id/posts',
  'POST /threads/:id/accept',
  'PUT /threads/:id/follow',
  'DELETE /threads/:id/follow',
  'PUT /threads/:id/read',
  'PATCH /posts/:id',
  'DELETE /posts/:id',
  'POST /posts/:id/reactions',
  'GET /posts/:id/revisions',
  'POST /preview',
  'GET /search',
  'GET /search/suggest',
  'GET /session',
  'PUT /session/locale',
  'POST /auth/register',
  'POST /auth/login',
  'POST /auth/login/second-factor',
  'POST /auth/logout',
  'PATCH /me',
  'POST /auth/email/verify',
  'POST /auth/email/verify/resend',
  'POST /auth/password/forgot',
  'POST /auth/password/reset',
  'POST /me/email',
  'POST /auth/email/change/confirm',
  'GET /me/sessions',
  'DELETE /me/sessions/:id',
  'POST /me/sessions/revoke-others',
  'POST /me/password',
  'GET /me/two-factor',
  'POST /me/two-factor/setup',
  'POST /me/two-factor/confirm',
  'POST /me/two-factor/recovery-codes',
  'POST /me/two-factor/disable',
  'GET /me/reauthentication',
  'POST /me/reauthentication',
  'POST /me/reauthentication/:provider',
  'GET /me/identities',
  'POST /me/identities/:provider/link',
  'DELETE /me/identities/:provider',
  'POST /me/profile/complete',
  'GET /conversations',
  'GET /conversations/unread',
  'POST /conversations',
  'GET /conversations/:id',
  'POST /conversations/:id/accept',
  'POST /conversations/:id/decline',
  'POST /conversations/:id/leave',
  'POST /conversations/:id/members',
  'PUT /conversations/:id/mute',
  'POST /conversations/:id/read',
  'GET /conversations/:id/messages',
  'POST /conversations/:id/messages',
  'PATCH /conversations/:id/messages/:messageId',
  'DELETE /conversations/:id/messages/:messageId',
  'POST /conversations/:id/messages/:messageId/report',
  'GET /blocks',
  'POST /blocks',
  'DELETE /blocks/:memberId',
  'GET /me/messaging',
  'PUT /me/messaging',
  'GET /members',
  'GET /members/:handle',
  'PUT /members/:handle/verification',
  'DELETE /members/:handle/verification',
  'GET /me/profile',
  'PATCH /me/profile',
  'PUT /me/avatar',
  'DELETE /me/avatar',
  'GET /me/export',
  'DELETE /me',
  'GET /admin/staff',
  'GET /admin/members',
  'PUT /admin/members/:id/role',
  'PUT /admin/members/:id/scopes',
]);

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
