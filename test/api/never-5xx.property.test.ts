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
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { buildMember, buildThread } from '../helpers/factories';
import { signedInAs } from '../helpers/staff';

/** Runs per route and caller: enough to find the classes of bad input, bounded to keep the file near a minute. */
const RUNS = 20;
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

/** The field names of an object schema (after refinements), so generated input uses the real keys. */
function keysOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
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

/** A body: a valid `base` with one to three fields replaced, or now and then not an object at all. */
const bodyFor = (schema: z.ZodType, base: Record<string, unknown>) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .dictionary(fc.constantFrom(...keysOf(schema), 'zzz'), jsonValue, { minKeys: 1, maxKeys: 3 })
        .map((fields) => ({ ...base, ...fields })),
    },
    fc.array(jsonValue, { maxLength: 2 }),
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
          const res = await client.send(method, path(), body);
          expectNoServerError(res.status, res.body, `${method} ${path()} ${JSON.stringify(body)}`);
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
