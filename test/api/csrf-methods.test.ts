import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { createCsrf, CSRF_COOKIE } from '@server/http/csrf';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildReply, buildThread } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { signedInMember, type SignedIn } from '../helpers/messaging';
import { mountedRoutes, type MountedRoute } from '../authz/mounted-routes';

/** Methods that change state: every route answering one of them must demand the CSRF token. */
const STATE_CHANGING = ['post', 'put', 'patch', 'delete'] as const;
type StateChanging = (typeof STATE_CHANGING)[number];

/**
 * State-changing routes outside the API, which carry their own proof instead of the CSRF header: the
 * one-click unsubscribe (RFC 8058) is posted by a mail client with a signed token in the URL.
 */
const OUTSIDE_API: readonly string[] = ['post /mail/unsubscribe/:token'];

const CSRF_REFUSAL = {
  code: 'csrf_invalid',
  message: 'Your security token has expired. Reload the page and try again.',
};

/** The route's pattern with every parameter filled with an id that exists nowhere. */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());

const label = (route: MountedRoute) => `${route.method} ${route.path.replace(/\/{2,}/g, '/')}`;

describe('CSRF protection on every state-changing route', function () {
  this.timeout(120_000);
  let app: TestApp;
  let routes: (MountedRoute & { method: StateChanging })[];
  let member: SignedIn;
  let other: ApiClient;

  before(async () => {
    app = await getTestApp();
    routes = mountedRoutes(app.app).filter((r): r is MountedRoute & { method: StateChanging } =>
      (STATE_CHANGING as readonly string[]).includes(r.method),
    );
    member = await signedInMember(undefined, 'en');
    other = new ApiClient(app.url);
    await other.session();
  });

  /** The member's request to `path` with this token (none when undefined), as a cross-site page could send it. */
  const forged = (method: StateChanging, path: string, token: string | undefined, body: object = {}) => {
    let request = member.client.agent[method](path)
      .set('X-Forwarded-For', member.client.ip)
      .set('Accept-Language', 'en');
    if (token !== undefined) request = request.set('X-CSRF-Token', token);
    return request.send(body);
  };

  it('finds routes of every state-changing method, and no unexpected one outside the API', () => {
    for (const method of STATE_CHANGING) {
      expect(
        routes.some((r) => r.method === method && r.path.startsWith('/api/v1/')),
        method,
      ).to.equal(true);
    }
    const outside = routes.filter((r) => !r.path.startsWith('/api/v1/')).map(label);
    expect(outside.sort()).to.deep.equal([...OUTSIDE_API].sort());
  });

  it('refuses each API route without a token, with a forged one and with another browser’s, in the member’s language', async () => {
    const refusedWrongly: string[] = [];
    for (const route of routes.filter((r) => r.path.startsWith('/api/v1/'))) {
      const path = concrete(route.path);
      for (const token of [undefined, 'forged-token', other.csrfToken]) {
        const res = await forged(route.method, path, token);
        const ok = res.status === 403 && JSON.stringify(res.body.error) === JSON.stringify(CSRF_REFUSAL);
        if (!ok) refusedWrongly.push(`${label(route)} (token ${String(token)}): ${res.status}`);
      }
    }
    expect(refusedWrongly).to.deep.equal([]);
  });

  it('leaves a post and an account in place when DELETE comes without a valid token', async () => {
    const thread = await buildThread(member);
    const reply = await buildReply(member, thread.id, { body: 'Sigue aquí' });
    for (const token of [undefined, 'forged-token', other.csrfToken]) {
      const post = await forged('delete', `/api/v1/posts/${reply.id}`, token);
      expect(post.status).to.equal(403);
      const account = await forged('delete', '/api/v1/me', token, { confirmHandle: member.handle });
      expect(account.status).to.equal(403);
    }
    const { rows } = await app.pool.query('select deleted_at from posts where id = $1', [reply.id]);
    expect(rows[0].deleted_at).to.equal(null);
    const session = await member.client.session();
    expect(session.user?.id).to.equal(member.id);
    // With the token the same requests go through: the refusals above were the CSRF check's.
    expect((await member.client.send('delete', `/api/v1/posts/${reply.id}`)).status).to.equal(200);
  });
});

describe('CSRF token and cookie', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  const csrfCookieOf = (res: { headers: Record<string, unknown> }) =>
    ([] as string[])
      .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
      .find((c) => c.startsWith(`${CSRF_COOKIE}=`));

  it('lets GET, HEAD and OPTIONS through without a token', async () => {
    const client = new ApiClient(app.url);
    expect((await client.get('/api/v1/categories')).status).to.equal(200);
    expect((await client.agent.head('/api/v1/categories').set('X-Forwarded-For', client.ip)).status).to.equal(
      200,
    );
    const options = await client.agent.options('/api/v1/categories').set('X-Forwarded-For', client.ip);
    expect(options.status).not.to.equal(403);
  });

  it('keeps the secret in an HttpOnly, SameSite=Lax cookie for the whole site, Secure over HTTPS', async () => {
    const res = await new ApiClient(app.url).get('/api/v1/session').expect(200);
    const cookie = csrfCookieOf(res) ?? '';
    expect(cookie)
      .to.match(/; HttpOnly/i)
      .and.to.match(/; SameSite=Lax/i)
      .and.to.match(/; Path=\/(;|$)/);
    expect(cookie).not.to.match(/; Secure/i);

    // The app behind an https:// base URL marks it Secure (a tiny app, so no second database is needed).
    const csrf = createCsrf('s'.repeat(32), true);
    const site = express();
    site.use((req, _res, next) => {
      req.cookieValues = {};
      next();
    });
    site.get('/token', (req, res) => {
      res.json({ token: csrf.tokenFor(req, res) });
    });
    expect(csrfCookieOf(await supertest(site).get('/token').expect(200))).to.match(/; Secure/i);
  });

  it('hands out the same token until sign-in and sign-out, which replace it', async () => {
    const member = await signedInMember(undefined, 'en');
    const client = new ApiClient(app.url, undefined, 'en');
    const first = (await client.session()).csrfToken;
    expect((await client.session()).csrfToken).to.equal(first);
    const before = client.csrfToken;
    expect((await client.signIn(member.email, member.password)).status).to.equal(200);
    expect(client.csrfToken).not.to.equal(before);
    // The token seen before signing in no longer works.
    const stale = await client.agent
      .patch('/api/v1/me')
      .set('X-Forwarded-For', client.ip)
      .set('X-CSRF-Token', before ?? '')
      .send({ displayName: 'Stale' });
    expect(stale.status).to.equal(403);
    const signedIn = client.csrfToken;
    expect((await client.send('post', '/api/v1/auth/logout')).status).to.equal(204);
    expect((await client.session()).csrfToken).not.to.equal(signedIn);
  });
});
