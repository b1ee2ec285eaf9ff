/**
 * The authorization matrix, generated from the contract's tables × the actors (`AUTHZ_ACTORS`: visitor,
 * pending, another member, the target's owner, suspended, moderator of another category, moderator,
 * admin, admin without a second factor):
 * - every route of the API contract (`API_TABLES`), and every route under the staff, flag, notice and
 *   moderation-log prefixes, asked by each actor, answers the status its row declares;
 * - every client socket event (`CLIENT_EVENTS`) sent by each actor is answered through its ack as its
 *   row declares;
 * - every server event (`SERVER_EVENTS`) reaches exactly the actors its row declares: each actor's
 *   socket connects with its session cookie (all at once), asks to watch the row's thread or join its
 *   conversation as a client would, then the row triggers the event through HTTP (or a client socket);
 * - moderators and admins without a second factor are refused on every staff route.
 * Rows live in `rows/*.ts` (one file per area, each exporting `rows`, `eventRows` and/or
 * `clientEventRows`); a route or event without a row, or a row without an expectation for every actor,
 * fails the matrix.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { Response } from 'supertest';
import { API_TABLES } from '@shared/api';
import { CLIENT_EVENTS, SERVER_EVENTS } from '@shared/events';
import { getTestApp } from '../helpers/app';
import { buildCategory, buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { connectSocket, cookieHeaderOf } from '../helpers/sockets';
import { signedInAs, signedInAsScoped } from '../helpers/staff';
import {
  AUTHZ_ACTORS,
  type AuthzActor,
  type AuthzContext,
  type AuthzClientEventRow,
  type AuthzEventRow,
  type AuthzRow,
  type AuthzSockets,
} from './matrix';
import { mountedRoutes, type MountedRoute } from './mounted-routes';

/** Routes under these prefixes are moderation's, and each must have a row. */
const GUARDED_PREFIXES = [
  '/api/v1/moderation',
  '/api/v1/moderation-log',
  '/api/v1/admin',
  '/api/v1/flags',
  '/api/v1/notices',
];

/** Staff-only routes outside those prefixes (category administration, the verified badge). */
const STAFF_ROUTES = [
  'POST /api/v1/categories',
  'PATCH /api/v1/categories/:id',
  'PUT /api/v1/members/:handle/verification',
  'DELETE /api/v1/members/:handle/verification',
];

/** Routes under the guarded prefixes that are not staff tools: members and visitors use them. */
const NOT_STAFF_PREFIXES = ['/api/v1/moderation-log', '/api/v1/flags', '/api/v1/notices'];

/** How long an event that should arrive is waited for. */
const RECEIVE_WAIT_MS = 5000;
/** How long, once the expected receivers have it, an event that should not arrive is given to arrive. */
const SILENCE_WAIT_MS = 1000;

const here = path.dirname(fileURLToPath(import.meta.url));
const rowsDir = path.join(here, 'rows');

/** A row, and the file that declared it (for messages). */
type Sourced<T> = T & { file: string };

// Every file in rows/ is loaded, so that an area adds its rows without editing this runner.
const rowFiles = readdirSync(rowsDir)
  .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
  .sort();
const rowModules = await Promise.all(
  rowFiles.map(async (file) => ({
    file,
    module: (await import(pathToFileURL(path.join(rowsDir, file)).href)) as {
      rows?: AuthzRow[];
      eventRows?: AuthzEventRow[];
      clientEventRows?: AuthzClientEventRow[];
    },
  })),
);
const httpRows: Sourced<AuthzRow>[] = rowModules.flatMap(({ file, module }) =>
  (module.rows ?? []).map((row) => ({ ...row, file })),
);
const eventRows: Sourced<AuthzEventRow>[] = rowModules.flatMap(({ file, module }) =>
  (module.eventRows ?? []).map((row) => ({ ...row, file })),
);
const clientEventRows: Sourced<AuthzClientEventRow>[] = rowModules.flatMap(({ file, module }) =>
  (module.clientEventRows ?? []).map((row) => ({ ...row, file })),
);

const under = (prefixes: string[], p: string) =>
  prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** Every route of the contract, by key: each must have a row. */
const contract = new Map(
  API_TABLES.flatMap(({ table }) =>
    Object.values(table).map(
      (spec) => [key({ method: spec.method, path: `/api/v1${spec.path}` }), spec] as const,
    ),
  ),
);
const guarded = (r: { method: string; path: string }) =>
  contract.has(key(r)) || under(GUARDED_PREFIXES, r.path) || STAFF_ROUTES.includes(key(r));
/** Whether a mounted route is a staff tool (every one goes through the staff guard). */
const staffRoute = (r: { method: string; path: string }) => {
  const spec = contract.get(key(r));
  if (spec) return spec.access === 'staff';
  return guarded(r) && !under(NOT_STAFF_PREFIXES, r.path);
};

/** A short, readable body for failure messages. */
const brief = (res: Response) => {
  const body = JSON.stringify(res.body);
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
};

/** The session cookie an API client holds (for its sockets). */
const cookieOf = cookieHeaderOf;

describe('Authorization matrix', function () {
  this.timeout(120_000);
  let ctx: AuthzContext;
  const clients = {} as Record<AuthzActor, ApiClient>;
  let routes: MountedRoute[];
  /** A socket's handshake headers for an actor: the session cookie of its shared client. */
  const headersOf = (actor: AuthzActor): Record<string, string> =>
    actor === 'anonymous' ? {} : { cookie: cookieOf(clients[actor]) };

  before(async () => {
    const app = await getTestApp();
    const [category, otherCategory] = await Promise.all([buildCategory(), buildCategory()]);
    /** A member built with this status or role and signed in, with no second factor enrolled. */
    const signInBuilt = async (overrides: { status?: 'pending' | 'suspended'; role?: 'admin' }) => {
      const built = await buildMember(overrides);
      const client = new ApiClient(app.url);
      const res = await client.signIn(built.email, built.password);
      if (res.status !== 200)
        throw new Error(`${JSON.stringify(overrides)} could not sign in: ${res.status}`);
      return { ...built, client };
    };
    const signInAs = (actor: Exclude<AuthzActor, 'anonymous'>) => {
      switch (actor) {
        case 'pending':
        case 'suspended':
          return signInBuilt({ status: actor });
        case 'noSecondFactor':
          return signInBuilt({ role: 'admin' });
        case 'otherScope':
          return signedInAsScoped([otherCategory.id]);
        case 'member':
        case 'owner':
          return signedInAs('member');
        case 'moderator':
        case 'admin':
          return signedInAs(actor);
      }
    };
    const signedInActors = AUTHZ_ACTORS.filter(
      (actor): actor is Exclude<AuthzActor, 'anonymous'> => actor !== 'anonymous',
    );
    const signedIn = Object.fromEntries(
      await Promise.all(signedInActors.map(async (actor) => [actor, await signInAs(actor)] as const)),
    ) as Record<Exclude<AuthzActor, 'anonymous'>, Awaited<ReturnType<typeof signInAs>>>;
    clients.anonymous = new ApiClient(app.url);
    const memberIds = { anonymous: undefined } as Record<AuthzActor, string | undefined>;
    for (const actor of signedInActors) {
      clients[actor] = signedIn[actor].client;
      memberIds[actor] = signedIn[actor].id;
    }
    const signIn = async (actor: AuthzActor) =>
      actor === 'anonymous' ? new ApiClient(app.url) : (await signInAs(actor)).client;
    ctx = { app, category, otherCategory, memberIds, owner: signedIn.owner, clients, signIn };
    routes = mountedRoutes(app.app).filter(guarded);
  });

  describe('coverage', () => {
    it('loads rows from every file in rows/', () => {
      expect(rowFiles.length, 'no row files in test/authz/rows/').to.be.greaterThan(0);
      for (const { file, module } of rowModules) {
        expect(
          Array.isArray(module.rows) ||
            Array.isArray(module.eventRows) ||
            Array.isArray(module.clientEventRows),
          `${file} exports no rows`,
        ).to.equal(true);
      }
    });

    it('covers the staff routes outside the guarded prefixes', () => {
      const mounted = new Set(routes.map(key));
      const unmounted = STAFF_ROUTES.filter((k) => !mounted.has(k));
      expect(unmounted, `staff routes not mounted: ${unmounted.join(', ')}`).to.deep.equal([]);
    });

    it('covers every route of the contract', () => {
      const mounted = new Set(routes.map(key));
      const unmounted = [...contract.keys()].filter((k) => !mounted.has(k));
      expect(unmounted, `contract routes not mounted: ${unmounted.join(', ')}`).to.deep.equal([]);
    });

    it('has a row for every route of the contract and every mounted moderation, admin, flag and notice route', () => {
      const covered = new Set(httpRows.map(key));
      const missing = routes.map(key).filter((k) => !covered.has(k));
      expect(missing, `routes without a row in test/authz/rows/: ${missing.join(', ')}`).to.deep.equal([]);
    });

    it('names only routes that are mounted, each once, under the guarded prefixes', () => {
      const mounted = new Set(routes.map(key));
      const unknown = httpRows.filter((r) => !mounted.has(key(r))).map((r) => `${key(r)} (${r.file})`);
      expect(unknown, `rows naming no mounted route: ${unknown.join(', ')}`).to.deep.equal([]);
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const row of httpRows) {
        const previous = seen.get(key(row));
        if (previous) twice.push(`${key(row)} (${previous}, ${row.file})`);
        seen.set(key(row), row.file);
      }
      expect(twice, `routes with two rows: ${twice.join(', ')}`).to.deep.equal([]);
    });

    it('states an expectation for every actor in every row', () => {
      const incomplete = [...httpRows, ...eventRows].flatMap((row) => {
        const table: Record<string, unknown> = 'expect' in row ? row.expect : row.receives;
        const name = 'event' in row ? row.event : key(row);
        return AUTHZ_ACTORS.filter((actor) => table[actor] === undefined).map((actor) => `${name}: ${actor}`);
      });
      expect(incomplete, `missing expectations: ${incomplete.join(', ')}`).to.deep.equal([]);
    });

    it('has a row for every client socket event of the contract, each once, with every actor', () => {
      const declared = Object.keys(CLIENT_EVENTS).sort();
      const rowed = clientEventRows.map((row) => row.event).sort();
      expect(rowed, 'client events and their rows').to.deep.equal(declared);
      const incomplete = clientEventRows.flatMap((row) =>
        AUTHZ_ACTORS.filter((actor) => row.expect[actor] === undefined).map(
          (actor) => `${row.event}: ${actor}`,
        ),
      );
      expect(incomplete, `missing expectations: ${incomplete.join(', ')}`).to.deep.equal([]);
    });

    it('has exactly one event row for every server event of the contract, with every actor', () => {
      const declared = Object.keys(SERVER_EVENTS).sort();
      const rowed = eventRows.map((r) => r.event);
      const missing = declared.filter((e) => !rowed.includes(e));
      const unknown = rowed.filter((e) => !declared.includes(e));
      const twice = rowed.filter((e, i) => rowed.indexOf(e) !== i);
      expect(missing, `server events without an event row: ${missing.join(', ')}`).to.deep.equal([]);
      expect(unknown, `event rows naming no declared event: ${unknown.join(', ')}`).to.deep.equal([]);
      expect(twice, `server events with two event rows: ${twice.join(', ')}`).to.deep.equal([]);
      const incomplete = eventRows.flatMap((row) =>
        AUTHZ_ACTORS.filter((actor) => row.receives[actor] === undefined).map(
          (actor) => `${row.event}: ${actor}`,
        ),
      );
      expect(incomplete, `missing expectations: ${incomplete.join(', ')}`).to.deep.equal([]);
    });
  });

  describe('the staff guard', () => {
    /** A staff member signed in without a second factor. */
    const unenrolled = async (role: 'moderator' | 'admin') => {
      const built = await buildMember({ role });
      const client = new ApiClient(ctx.app.url);
      const res = await client.signIn(built.email, built.password);
      if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
      return client;
    };
    /** The route's pattern with every parameter filled with an id nobody has. */
    const fill = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, randomUUID());

    for (const role of ['moderator', 'admin'] as const) {
      it(`refuses a ${role} without a second factor on every staff route (403 second_factor_required)`, async () => {
        const client = await unenrolled(role);
        const staffRoutes = routes.filter(staffRoute);
        expect(staffRoutes.length).to.be.greaterThan(20);
        const passedGuard: string[] = [];
        for (const route of staffRoutes) {
          const url = fill(route.path);
          const res =
            route.method === 'get'
              ? await client.get(url)
              : await client.send(route.method as Exclude<AuthzRow['method'], 'get'>, url, {});
          const code = (res.body as { error?: { code?: string } }).error?.code;
          if (res.status !== 403 || code !== 'second_factor_required') {
            passedGuard.push(`${key(route)}: ${res.status} ${brief(res)}`);
          }
        }
        expect(
          passedGuard,
          `staff routes that skip the second factor:\n${passedGuard.join('\n')}`,
        ).to.deep.equal([]);
      });
    }
  });

  for (const row of httpRows) {
    describe(`${key(row)} (${row.file})`, () => {
      for (const actor of AUTHZ_ACTORS) {
        const expected = row.expect[actor];
        it(`answers ${expected} to ${actor}`, async () => {
          const request = await row.prepare(ctx, actor);
          const client = request.client ?? clients[actor];
          const res =
            row.method === 'get'
              ? await client.get(request.url)
              : await client.send(row.method, request.url, request.body);
          expect(
            res.status,
            `${row.method.toUpperCase()} ${request.url} (${row.path}) as ${actor}: expected ${expected}, got ${res.status} ${brief(res)}`,
          ).to.equal(expected);
        });
      }
    });
  }

  for (const row of clientEventRows) {
    it(`answers ${row.event} from each actor as its row states (${row.file})`, async () => {
      const answers = {} as Record<AuthzActor, string>;
      for (const actor of AUTHZ_ACTORS) {
        const payload = await row.payload(ctx, actor);
        const { socket } = await connectSocket(ctx.app.url, headersOf(actor));
        try {
          const ack = await (
            socket as unknown as {
              emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
            }
          ).emitWithAck(row.event, payload);
          answers[actor] = ack.ok ? 'ok' : (ack.error?.code ?? 'no code');
        } finally {
          socket.close();
        }
      }
      expect(answers, `${row.event}: what each actor's ack answered`).to.deep.equal(row.expect);
    });
  }

  for (const row of eventRows) {
    it(`delivers ${row.event} to exactly the actors its row names (${row.file})`, async () => {
      const target = (await row.prepare?.(ctx)) ?? {};
      const sockets = {} as AuthzSockets;
      const received = new Set<AuthzActor>();
      try {
        // Every actor connects at once and asks what a client showing the target would ask.
        await Promise.all(
          AUTHZ_ACTORS.map(async (actor) => {
            const { socket } = await connectSocket(ctx.app.url, headersOf(actor));
            sockets[actor] = socket;
            (socket as unknown as { on(e: string, f: () => void): void }).on(row.event, () =>
              received.add(actor),
            );
            if (target.threadId) await socket.emitWithAck('thread:watch', { threadId: target.threadId });
            if (target.conversationId) {
              await socket.emitWithAck('conversation:join', { conversationId: target.conversationId });
            }
          }),
        );
        await row.trigger(ctx, target, sockets);
        const expectedReceivers = AUTHZ_ACTORS.filter((actor) => row.receives[actor]);
        // Receivers get the event within a bound; the others are given a further moment in which it
        // would have arrived, then a round trip on each connection flushes what was sent before it.
        await Promise.all(
          expectedReceivers.map(async (actor) => {
            if (received.has(actor)) return;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, RECEIVE_WAIT_MS);
              (sockets[actor] as unknown as { once(e: string, f: () => void): void }).once(row.event, () => {
                clearTimeout(timer);
                resolve();
              });
            });
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, SILENCE_WAIT_MS));
        await Promise.all(
          AUTHZ_ACTORS.map((actor) => sockets[actor].emitWithAck('thread:watch', { threadId: randomUUID() })),
        );
        const got = AUTHZ_ACTORS.filter((actor) => received.has(actor));
        expect(
          got,
          `${row.event}: expected receivers [${expectedReceivers.join(', ')}], got [${got.join(', ')}]`,
        ).to.deep.equal(expectedReceivers);
      } finally {
        for (const socket of Object.values(sockets)) socket.close();
      }
    });
  }
});
