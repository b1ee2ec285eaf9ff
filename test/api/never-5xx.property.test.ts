import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { CSRF_HEADER } from '@shared/constants';
import { directoryQuerySchema, updateProfileSchema } from '@shared/api/directory';
import { searchQuerySchema, suggestQuerySchema } from '@shared/api/search';
import {
  createPostSchema,
  missedPostsQuerySchema,
  previewSchema,
  readPositionSchema,
  threadListQuerySchema,
  threadQuerySchema,
} from '@shared/api/threads';
import { featuredQuerySchema } from '@shared/api/curation';
import { createFlagSchema, publicLogQuerySchema } from '@shared/api/moderation';
import { API_TABLES } from '@shared/api';
import type { RouteSpec } from '@shared/contract';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { buildMember, buildReply, buildThread } from '../helpers/factories';
import { acceptedConversation, sendMessage, signedInMember } from '../helpers/messaging';
import { changedTables, rowCounts } from '../helpers/row-counts';
import { signedInAs } from '../helpers/staff';
import { mountedRoutes } from '../authz/mounted-routes';

/** Runs per route and caller: enough to find the classes of bad input, bounded to keep the file near a minute. */
const RUNS = 20;
/** Runs per route of the contract with a body (`FC_BODY_RUNS` for a longer run). */
const BODY_RUNS = Number(process.env.FC_BODY_RUNS ?? 10);
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

/** The field names of an object schema (after refinements), so generated input uses the real keys. */
function keysOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion)
    return [...new Set(schema.options.flatMap((o) => keysOf(o as z.ZodType)))];
  if (schema instanceof z.ZodPipe) return keysOf(schema.in as z.ZodType);
  return [];
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');

/** Strings meant to break things: NUL, lone surrogates, huge and odd numbers, impossible dates, escapes. */
const HOSTILE = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '%',
  '%00',
  '%E0%A4%A',
  '1e308',
  '-1',
  '0',
  '1.5',
  '99999999999999999999999999',
  '9007199254740993',
  'NaN',
  '2024-13-45',
  '9999-99-99',
  '0000-01-01',
  '2023-02-29',
  '1',
  '+275760-09-13T00:00:00.000Z',
  '[]',
  ' ',
  'é'.repeat(300),
  'x'.repeat(5000),
];
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.bigInt().map(String),
  fc.double().map(String),
);

/** A hostile value or a well-formed id, for the parts of forged cursors. */
const cursorPart = fc.oneof(
  hostileString,
  fc.double(),
  fc.integer(),
  fc.uuid(),
  fc.constant('2024-05-01T10:00:00.000Z'),
);

/**
 * Cursors as a client could forge them: base64url JSON shaped like the server's own (a sort name, a key
 * and an id; a sort value, an id and a pin rank), `time|id` text, or anything at all.
 */
const forgedCursor = fc.oneof(
  fc.tuple(fc.constantFrom('recent', 'name', 'relevance', 'threads'), cursorPart, cursorPart).map(b64),
  fc.tuple(cursorPart, cursorPart).map(b64),
  fc.tuple(cursorPart, fc.uuid(), fc.integer({ min: -1, max: 3 })).map(b64),
  fc
    .tuple(cursorPart, cursorPart)
    .map(([at, id]) => Buffer.from(`${String(at)}|${String(id)}`).toString('base64url')),
  fc.array(cursorPart, { maxLength: 4 }).map(b64),
  hostileString,
);

/** Words some schema accepts, so generated input also gets past validation and into the services. */
const plausible = fc.constantFrom(
  'agua',
  'threads',
  'posts',
  'members',
  'latest',
  'newest',
  'active',
  'unanswered',
  'threaded',
  'chronological',
  'name',
  'recent',
  'relevance',
  'es',
  'pt',
  'en',
  'fr',
  'BR',
  'government',
  'open-government',
  'question',
  'true',
  '1',
  '20',
  '2024-02-29',
  '2100-12-31',
);

const scalar = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: plausible });

/** A query value: usually one string, sometimes repeated (`?q=a&q=b` is an array). */
const queryValue = fc.oneof(
  { weight: 5, arbitrary: scalar },
  fc.array(scalar, { minLength: 2, maxLength: 3 }),
);

/**
 * A query built on a schema's keys: a valid `base` with one to three fields replaced by hostile or
 * plausible values (a cursor field by a forged cursor), and now and then an unknown key.
 */
const queryFor = (schema: z.ZodType, base: Record<string, string> = {}) =>
  fc
    .dictionary(fc.constantFrom(...keysOf(schema), 'q[]', 'zzz'), queryValue, { minKeys: 1, maxKeys: 3 })
    .chain((params) =>
      'cursor' in params ? forgedCursor.map((cursor) => ({ ...params, cursor })) : fc.constant(params),
    )
    .map((params) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries({ ...base, ...params }))
        for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
      return search.toString();
    });

/** A JSON value for a body field: strings, numbers, arrays and objects of them. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 2 }),
);

/**
 * A body: a valid `base` with one to three fields replaced, or now and then not an object at all. Field
 * values come from `value` (hostile and plausible JSON, by default).
 */
const bodyFor = (schema: z.ZodType, base: Record<string, unknown>, value = jsonValue) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .dictionary(fc.constantFrom(...keysOf(schema), 'zzz'), value, { minKeys: 1, maxKeys: 3 })
        .map((fields) => ({ ...base, ...fields })),
    },
    fc.array(value, { maxLength: 2 }),
    scalar,
  );

/** URL-encodes a segment; a lone surrogate has no UTF-8 form, so it goes as the bytes a client would send. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value) || 'x';
  } catch {
    return '%ED%A0%80';
  }
}

/** A path segment: a real one or a hostile one (URL-encoded). */
const segment = (real: string) => fc.oneof(fc.constant(real), hostileString.map(encodeSegment));

/**
 * Runs `request` and checks that a refusal (4xx) stored nothing: no table gained or lost a row. Work
 * the app runs after answering (e-mails, notifications) is waited for before each count.
 */
async function storesNothingWhenRefused(
  app: TestApp,
  what: string,
  request: () => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: unknown }> {
  await app.background.idle();
  const before = await rowCounts(app.pool);
  const res = await request();
  if (res.status >= 400 && res.status < 500) {
    await app.background.idle();
    expect(changedTables(before, await rowCounts(app.pool)), `${what} → ${res.status}`).to.deep.equal({});
  }
  return res;
}

/** A 4xx carries the usual error envelope; nothing is ever a 5xx. */
function expectNoServerError(status: number, body: unknown, what: string): void {
  expect(status, what).to.be.below(500);
  if (status >= 400) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    expect(error?.code, what).to.be.a('string');
    expect(error?.message, what).to.be.a('string');
  }
}

describe('property: public reads and member writes never answer 5xx', function () {
  this.timeout(180_000);
  let app: TestApp;
  let callers: { name: string; client: ApiClient }[];
  let threadId: string;
  let categorySlug: string;
  let handle: string;

  before(async () => {
    app = await getTestApp();
    const author = await buildMember();
    const thread = await buildThread(author);
    threadId = thread.id;
    categorySlug = (await new ApiClient(app.url).get(`/api/v1/threads/${threadId}`).expect(200)).body.thread
      .categorySlug as string;
    handle = author.handle;
    callers = [
      { name: 'visitor', client: new ApiClient(app.url) },
      { name: 'member', client: (await signedInAs('member')).client },
    ];
  });

  const reads: [string, () => fc.Arbitrary<string>][] = [
    [
      'categories',
      () => fc.constantFrom('', 'archived=true', 'archived=%00').map((q) => `/api/v1/categories?${q}`),
    ],
    ['category', () => segment(categorySlug).map((s) => `/api/v1/categories/${s}`)],
    [
      'category threads',
      () =>
        fc
          .tuple(segment(categorySlug), queryFor(threadListQuerySchema))
          .map(([s, q]) => `/api/v1/categories/${s}/threads?${q}`),
    ],
    ['thread list', () => queryFor(threadListQuerySchema).map((q) => `/api/v1/threads?${q}`)],
    ['featured', () => queryFor(featuredQuerySchema).map((q) => `/api/v1/threads/featured?${q}`)],
    [
      'thread',
      () =>
        fc.tuple(segment(threadId), queryFor(threadQuerySchema)).map(([s, q]) => `/api/v1/threads/${s}?${q}`),
    ],
    [
      'missed posts',
      () =>
        fc
          .tuple(segment(threadId), queryFor(missedPostsQuerySchema))
          .map(([s, q]) => `/api/v1/threads/${s}/posts?${q}`),
    ],
    ['search', () => queryFor(searchQuerySchema, { q: 'agua' }).map((q) => `/api/v1/search?${q}`)],
    ['suggest', () => queryFor(suggestQuerySchema, { q: 'agua' }).map((q) => `/api/v1/search/suggest?${q}`)],
    ['directory', () => queryFor(directoryQuerySchema).map((q) => `/api/v1/members?${q}`)],
    ['profile', () => segment(handle).map((s) => `/api/v1/members/${s}`)],
    ['moderation log', () => queryFor(publicLogQuerySchema).map((q) => `/api/v1/moderation-log?${q}`)],
    ['session', () => queryFor(z.object({ x: z.string() })).map((q) => `/api/v1/session?${q}`)],
  ];

  for (const [name, urls] of reads) {
    it(`GET ${name}, as a visitor and as a member`, async () => {
      for (const { name: who, client } of callers) {
        await fc.assert(
          fc.asyncProperty(urls(), async (url) => {
            const res = await client.get(url);
            expectNoServerError(res.status, res.body, `${who} GET ${url}`);
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }
    });
  }

  const writes: [string, 'post' | 'put' | 'patch', () => string, z.ZodType, () => Record<string, unknown>][] =
    [
      ['preview', 'post', () => '/api/v1/preview', previewSchema, () => ({ body: 'Hola' })],
      [
        'reply',
        'post',
        () => `/api/v1/threads/${threadId}/posts`,
        createPostSchema,
        () => ({ body: 'Hola' }),
      ],
      [
        'read position',
        'put',
        () => `/api/v1/threads/${threadId}/read`,
        readPositionSchema,
        () => ({ seq: 1 }),
      ],
      [
        'profile',
        'patch',
        () => '/api/v1/me/profile',
        updateProfileSchema,
        () => ({ headline: 'Servidora' }),
      ],
      [
        'flag',
        'post',
        () => '/api/v1/flags',
        createFlagSchema,
        () => ({ targetType: 'thread', targetId: threadId, reason: 'spam' }),
      ],
    ];

  for (const [name, method, path, schema, base] of writes) {
    it(`${method.toUpperCase()} ${name} bodies, as a member`, async () => {
      const { client } = callers[1] ?? { client: new ApiClient(app.url) };
      await fc.assert(
        fc.asyncProperty(bodyFor(schema, base()), async (body) => {
          const what = `${method} ${path()} ${JSON.stringify(body)}`;
          const res = await storesNothingWhenRefused(app, what, () => client.send(method, path(), body));
          expectNoServerError(res.status, res.body, what);
        }),
        { numRuns: RUNS * 2, seed: SEED },
      );
    });
  }

  it('raw bodies the JSON parser must refuse', async () => {
    const { client } = callers[1] ?? { client: new ApiClient(app.url) };
    if (!client.csrfToken) await client.session();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.constantFrom('{', '{"body":', '[1,', '"\\ud800"', '{"body":"\\u0000"}'),
        ),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-16',
          'application/json; charset=x-nope',
        ),
        async (raw, type) => {
          const res = await client.agent
            .post('/api/v1/preview')
            .set('X-Forwarded-For', client.ip)
            .set(CSRF_HEADER, client.csrfToken ?? '')
            .set('Content-Type', type)
            .send(raw);
          expectNoServerError(res.status, res.body, `${type} ${JSON.stringify(raw)}`);
        },
      ),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });
});

/** Every route of the contract that takes a body (JSON or an uploaded file), with its table's tag and name. */
const BODY_ROUTES = API_TABLES.flatMap(({ tag, table }) =>
  Object.entries(table)
    .filter(([, spec]) => spec.body !== undefined || spec.upload !== undefined)
    .map(([name, spec]) => ({ label: `${tag}.${name}`, spec: spec })),
);

/** Real things for path parameters and body fields to name, so that some generated requests reach the services. */
interface Targets {
  threadId: string;
  postId: string;
  categoryId: string;
  conversationId: string;
  messageId: string;
  /** Another member than the caller (never the caller: `DELETE /me` asks for the caller's own handle). */
  memberId: string;
  handle: string;
}

/** A path parameter's value: the target the path names when there is one, else a fresh id or name. */
function paramValue(path: string, name: string, t: Targets): string {
  if (name === 'handle') return t.handle;
  if (name === 'messageId') return t.messageId;
  if (name !== 'id') return `nothing-${randomUUID().slice(0, 8)}`;
  if (path.startsWith('/threads/') || path.startsWith('/moderation/threads/')) return t.threadId;
  if (path.startsWith('/posts/')) return t.postId;
  if (path.startsWith('/conversations/')) return t.conversationId;
  if (path.startsWith('/categories/')) return t.categoryId;
  if (path.startsWith('/admin/members/') || path.startsWith('/moderation/members/')) return t.memberId;
  return randomUUID();
}

describe('property: every route with a body answers a bad one with a 4xx, never a 5xx, and stores nothing', function () {
  this.timeout(300_000);
  let app: TestApp;
  let targets: Targets;
  let callers: Record<RouteSpec['access'], () => ApiClient>;

  before(async () => {
    app = await getTestApp();
    const [caller, other, admin] = await Promise.all([
      signedInMember(),
      signedInMember(),
      signedInAs('admin'),
    ]);
    const conversation = await acceptedConversation(other, caller);
    const message = await sendMessage(other, conversation.id, 'Hola');
    const thread = await buildThread(other);
    const post = await buildReply(other, thread.id);
    const categoryId = (await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}`).expect(200)).body
      .thread.categoryId as string;
    targets = {
      threadId: thread.id,
      postId: post.id,
      categoryId,
      conversationId: conversation.id,
      messageId: message.id,
      memberId: other.id,
      handle: other.handle,
    };
    callers = {
      // A visitor of its own per route: sign-in and registration limits count per address.
      public: () => new ApiClient(app.url),
      member: () => caller.client,
      staff: () => admin.client,
    };
  });

  it('covers every mounted API route that takes a body: all are declared in the contract', () => {
    const declared = new Set(
      API_TABLES.flatMap(({ table }) =>
        Object.values(table).map((spec) => `${spec.method.toLowerCase()} /api/v1${spec.path}`),
      ),
    );
    const undeclared = mountedRoutes(app.app)
      .filter(
        ({ method, path }) =>
          path.startsWith('/api/v1/') && ['post', 'put', 'patch', 'delete'].includes(method),
      )
      .map(({ method, path }) => `${method} ${path}`)
      .filter((route) => !declared.has(route));
    expect(undeclared).to.deep.equal([]);
    expect(BODY_ROUTES.length).to.be.greaterThan(50);
  });

  for (const { label, spec } of BODY_ROUTES) {
    const method = spec.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
    const title = `${spec.method} ${spec.path} (${label}), as ${spec.access === 'public' ? 'a visitor' : spec.access}`;

    if (spec.upload) {
      const { contentTypes, maxBytes } = spec.upload;
      it(`${title}: files that are not what they say`, async () => {
        const client = callers[spec.access]();
        if (!client.csrfToken) await client.session();
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
              fc.constant(Buffer.alloc(maxBytes + 1, 0xff)),
            ),
            fc.constantFrom(...contentTypes, 'text/plain', 'application/json', 'image/svg+xml'),
            async (file, type) => {
              const url = `/api/v1${spec.path.replace(/:(\w+)/g, (_m, name: string) => paramValue(spec.path, name, targets))}`;
              const what = `${spec.method} ${url} ${type} (${file.length} bytes)`;
              const res = await storesNothingWhenRefused(app, what, () =>
                client.agent[method](url)
                  .set('X-Forwarded-For', client.ip)
                  .set(CSRF_HEADER, client.csrfToken ?? '')
                  .set('Content-Type', type)
                  .send(file),
              );
              expectNoServerError(res.status, res.body, what);
            },
          ),
          { numRuns: BODY_RUNS, seed: SEED },
        );
      });
      continue;
    }

    it(title, async () => {
      const client = callers[spec.access]();
      const value = fc.oneof({ weight: 4, arbitrary: jsonValue }, fc.constantFrom(...Object.values(targets)));
      await fc.assert(
        fc.asyncProperty(bodyFor(spec.body as z.ZodType, {}, value), async (body) => {
          const url = `/api/v1${spec.path.replace(/:(\w+)/g, (_m, name: string) => paramValue(spec.path, name, targets))}`;
          const what = `${spec.method} ${url} ${JSON.stringify(body)}`;
          const res = await storesNothingWhenRefused(app, what, () => client.send(method, url, body));
          expectNoServerError(res.status, res.body, what);
        }),
        { numRuns: BODY_RUNS, seed: SEED },
      );
    });
  }
});
