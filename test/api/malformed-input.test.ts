import { expect } from 'chai';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import supertest from 'supertest';
import type { Response } from 'supertest';
import { CSRF_HEADER } from '@shared/constants';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { ApiClient, uniqueIp } from '../helpers/http';
import { buildMember, buildThread } from '../helpers/factories';
import { signedInAs, type SignedInAs } from '../helpers/staff';

const SOME_ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const cursorOf = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const pipeCursor = (text: string) => Buffer.from(text).toString('base64url');
const ISO = '2024-05-01T10:00:00.000Z';

/** A 4xx in the usual error shape, with a localized message; `field` names the field it blames. */
function expectClientError(res: Response, status: number, field?: string): void {
  expect(res.status, `${res.status} ${res.text.slice(0, 300)}`).to.equal(status);
  expect(res.type).to.equal('application/json');
  const body = res.body as {
    error?: { code?: unknown; message?: unknown; fields?: Record<string, unknown> };
  };
  expect(body.error?.code).to.be.a('string');
  expect(body.error?.message).to.be.a('string').and.not.equal('');
  if (field) expect(body.error?.fields ?? {}).to.have.property(field);
}

describe('malformed input is a 4xx, never a 500', () => {
  let app: TestApp;
  let visitor: ApiClient;
  let member: SignedInAs;
  let threadId: string;

  before(async function () {
    this.timeout(60_000);
    app = await getTestApp();
    visitor = new ApiClient(app.url, undefined, 'en');
    member = await signedInAs('member');
    threadId = (await buildThread(await buildMember())).id;
  });

  describe('search dates are real calendar days in a sane range', () => {
    for (const [name, value] of [
      ['from', '2024-13-45'],
      ['to', '9999-99-99'],
      ['from', '0000-01-01'],
      ['from', '2023-02-29'],
      ['to', '2024-04-31'],
      ['to', '3000-01-01'],
    ] as const) {
      it(`${name}=${value} → 400 naming the field`, async () => {
        expectClientError(await visitor.get(`/api/v1/search?q=agua&${name}=${value}`), 400, name);
      });
    }

    it('a leap day and the range ends are accepted', async () => {
      await visitor.get('/api/v1/search?q=agua&from=1900-01-01&to=2024-02-29').expect(200);
      await visitor.get('/api/v1/search?q=agua&from=2024-02-29&to=2100-12-31').expect(200);
    });
  });

  describe('every cursor decoder refuses a cursor it did not make', () => {
    const directory: [string, string][] = [
      ['a fractional activity key', `cursor=${cursorOf(['recent', '1.5', SOME_ID])}`],
      ['a 26-digit activity key', `cursor=${cursorOf(['recent', '1'.repeat(26), SOME_ID])}`],
      ['an id that is not a UUID', `cursor=${cursorOf(['recent', '1', '-'.repeat(36)])}`],
      ['a name with NUL', `sort=name&cursor=${cursorOf(['name', 'a\u0000', SOME_ID])}`],
      ['a score in exponent form', `q=ana&cursor=${cursorOf(['relevance', '1e5', SOME_ID])}`],
      ['another sort', `sort=name&cursor=${cursorOf(['recent', '1', SOME_ID])}`],
      ['not base64 JSON', 'cursor=%7B%7D%5B'],
    ];
    for (const [label, query] of directory) {
      it(`directory: ${label}`, async () => {
        expectClientError(await visitor.get(`/api/v1/members?${query}`), 400, 'cursor');
      });
    }

    const threadLists: [string, string][] = [
      ['a huge reply count', `sort=active&cursor=${cursorOf([1e300, SOME_ID])}`],
      ['a negative reply count', `sort=active&cursor=${cursorOf([-1, SOME_ID])}`],
      ['a timestamp V8 reads but PostgreSQL does not', `cursor=${cursorOf(['1', SOME_ID])}`],
      ['a year past 9999', `cursor=${cursorOf(['+275760-09-13T00:00:00.000Z', SOME_ID])}`],
      ['a number for a time sort', `sort=latest&cursor=${cursorOf([5, SOME_ID])}`],
      ['a day that does not exist', `cursor=${cursorOf(['2024-02-30T00:00:00.000Z', SOME_ID])}`],
      ['an unknown pin rank', `cursor=${cursorOf([ISO, SOME_ID, 7])}`],
      ['a bad id', `cursor=${cursorOf([ISO, 'not-an-id'])}`],
    ];
    for (const [label, query] of threadLists) {
      it(`thread list: ${label}`, async () => {
        expectClientError(await visitor.get(`/api/v1/threads?${query}`), 400, 'cursor');
      });
    }

    it('featured threads: a timestamp PostgreSQL cannot read', async () => {
      const res = await visitor.get(`/api/v1/threads/featured?cursor=${cursorOf(['1', SOME_ID])}`);
      expectClientError(res, 400, 'cursor');
    });

    it('notifications and conversations: loose ids and dates', async () => {
      for (const cursor of [
        pipeCursor(`${ISO}|${'-'.repeat(36)}`),
        pipeCursor(`1|${SOME_ID}`),
        pipeCursor(`${ISO}|${SOME_ID}|x`),
      ]) {
        expectClientError(await member.client.get(`/api/v1/notifications?cursor=${cursor}`), 400, 'cursor');
        expectClientError(await member.client.get(`/api/v1/conversations?cursor=${cursor}`), 400, 'cursor');
      }
    });

    it('staff lists: the queue, applications and the member search', async () => {
      const admin = await signedInAs('admin');
      for (const cursor of [cursorOf(['1', SOME_ID]), cursorOf([ISO, '-'.repeat(36)])]) {
        expectClientError(await admin.client.get(`/api/v1/moderation/queue?cursor=${cursor}`), 400, 'cursor');
        const applications = await admin.client.get(`/api/v1/moderation/applications?cursor=${cursor}`);
        expectClientError(applications, 400, 'cursor');
      }
      for (const cursor of [cursorOf(['a\u0000', SOME_ID]), cursorOf(['a', '-'.repeat(36)])]) {
        expectClientError(await admin.client.get(`/api/v1/admin/members?cursor=${cursor}`), 400, 'cursor');
      }
    });
  });

  describe('numbers beyond their columns', () => {
    it('afterSeq past a 32-bit integer, on thread catch-up and message history', async () => {
      const big = '99999999999';
      expectClientError(
        await visitor.get(`/api/v1/threads/${threadId}/posts?afterSeq=${big}`),
        400,
        'afterSeq',
      );
      const history = await member.client.get(`/api/v1/conversations/${SOME_ID}/messages?beforeSeq=${big}`);
      expectClientError(history, 400, 'beforeSeq');
      const read = await member.client.send('post', `/api/v1/conversations/${SOME_ID}/read`, { seq: 1e15 });
      expectClientError(read, 400, 'seq');
    });
  });

  describe('NUL, which PostgreSQL refuses in text', () => {
    for (const path of [
      '/api/v1/search?q=a%00b',
      '/api/v1/members?q=a%00',
      '/api/v1/members/a%00b',
      '/api/v1/categories/a%00b',
      '/api/v1/categories/a%00b/threads',
      '/api/v1/moderation-log?cursor=%00',
    ]) {
      it(`GET ${path} → 400`, async () => {
        expectClientError(await visitor.get(path), 400);
      });
    }

    it('in a body field other than post text → 400 naming the field, and nothing changes', async () => {
      const res = await member.client.send('patch', '/api/v1/me/profile', { headline: 'Civil\u0000servant' });
      expectClientError(res, 400, 'headline');
      const profile = await member.client.get('/api/v1/me/profile').expect(200);
      expect(JSON.stringify(profile.body)).not.to.contain('Civil');
    });

    it('a slug or handle of an impossible shape is a 404, not a query', async () => {
      expectClientError(await visitor.get('/api/v1/categories/UPPER%20case'), 404);
      expectClientError(await visitor.get(`/api/v1/members/${'x'.repeat(200)}`), 404);
    });
  });

  describe('bodies the parser cannot read', () => {
    const post = (headers: Record<string, string>, body: string) => {
      const test = member.client.agent
        .post('/api/v1/preview')
        .set('X-Forwarded-For', member.client.ip)
        .set(CSRF_HEADER, member.client.csrfToken ?? '');
      for (const [name, value] of Object.entries(headers)) void test.set(name, value);
      return test.send(body);
    };

    it('Content-Encoding: gzip that is not gzip → 400', async () => {
      const res = await post({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, 'not gzip');
      expectClientError(res, 400);
    });

    it('Content-Encoding: br that is not brotli → 400', async () => {
      const res = await post(
        { 'Content-Type': 'application/json', 'Content-Encoding': 'br' },
        '{"body":"x"}',
      );
      expectClientError(res, 400);
    });

    it('real gzip still works', async () => {
      // Sent with fetch: superagent re-serializes a body given with a JSON content type.
      const someone = await buildMember();
      const ip = uniqueIp();
      const call = async (
        path: string,
        init: RequestInit & { headers?: Record<string, string> },
        cookie = '',
      ) => {
        const headers = { 'X-Forwarded-For': ip, Cookie: cookie, ...init.headers };
        return fetch(new URL(path, app.url), { ...init, headers });
      };
      const csrfOf = async (cookie: string) =>
        ((await (await call('/api/v1/session', {}, cookie)).json()) as { csrfToken: string }).csrfToken;
      const first = await call('/api/v1/session', {});
      const visitorCookie = first.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const login = await call(
        '/api/v1/auth/login',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: await csrfOf(visitorCookie) },
          body: JSON.stringify({ email: someone.email, password: someone.password }),
        },
        visitorCookie,
      );
      expect(login.status).to.equal(200);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const res = await call(
        '/api/v1/preview',
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
            [CSRF_HEADER]: await csrfOf(cookie),
          },
          body: gzipSync('{"body":"*hello*"}'),
        },
        cookie,
      );
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { html: string }).html).to.contain('<em>hello</em>');
    });

    it('an unknown encoding → 415, bad JSON → 400, too large → 413', async () => {
      expectClientError(
        await post({ 'Content-Type': 'application/json', 'Content-Encoding': 'x-zip' }, '{}'),
        415,
      );
      expectClientError(await post({ 'Content-Type': 'application/json' }, '{"body": '), 400);
      const large = JSON.stringify({ body: 'x'.repeat(100_000) });
      expectClientError(await post({ 'Content-Type': 'application/json' }, large), 413);
    });
  });

  describe('static assets', () => {
    it('a missing /assets file is a 404 in the error shape, not the app page and not a 500', async () => {
      for (const path of [
        '/assets/missing.js',
        '/assets/missing.css',
        '/assets/%00',
        '/assets/..%2f..%2fpackage.json',
      ]) {
        const res = await visitor.get(path);
        expect(res.status, path).to.be.oneOf([400, 404]);
        expect(res.type, path).to.equal('application/json');
        expect(res.text, path).not.to.contain('<html');
      }
      expectClientError(await visitor.get('/assets/missing.js'), 404);
    });
  });
});

describe('malformed requests are logged at warn at most', () => {
  let app: TestApp;
  const entries: { level: number; msg?: string }[] = [];

  before(async function () {
    this.timeout(60_000);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          entries.push(JSON.parse(line) as { level: number; msg?: string });
        done();
      },
    });
    app = await startTestApp({}, {}, pino({ level: 'info' }, sink));
  });

  after(async () => {
    await app.dispose();
  });

  it('none of the malformed requests of the review logs at error level', async () => {
    const agent = supertest(app.url);
    const requests = [
      agent.get('/api/v1/search?q=a&from=2024-13-45'),
      agent.get('/api/v1/search?q=a&to=9999-99-99'),
      agent.get(`/api/v1/members?cursor=${cursorOf(['recent', '1.5', SOME_ID])}`),
      agent.get(`/api/v1/members?cursor=${cursorOf(['recent', '1'.repeat(26), SOME_ID])}`),
      agent.get('/api/v1/members/a%00b'),
      agent.get('/assets/missing.js'),
      agent
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('x'),
      agent.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":'),
    ];
    for (const request of requests) {
      const res = await request;
      expect(res.status, res.text.slice(0, 200)).to.be.within(400, 499);
    }
    const errors = entries.filter((entry) => entry.level >= 50);
    expect(errors, JSON.stringify(errors).slice(0, 500)).to.deep.equal([]);
    // The framework's refusals (not our own validation) leave one warning each for operators.
    expect(
      entries.filter((entry) => entry.level === 40 && entry.msg === 'malformed request'),
    ).to.have.length.greaterThan(0);
  });
});
