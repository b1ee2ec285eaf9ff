/**
 * The authorization matrix's vocabulary: its nine actors, the context every row gets, and the kinds of
 * rows (routes, client socket events, server socket events) with helpers that declare each actor's
 * expected answer. The runner is matrix.test.ts; the rows are in rows/*.ts.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../helpers/app';
import type { BuiltMember } from '../helpers/factories';
import type { ApiClient } from '../helpers/http';
import type { SignedIn } from '../helpers/messaging';
import type { ClientSocket } from '../helpers/sockets';

/**
 * Who asks, in the authorization matrix: a visitor; a member awaiting approval; an active member who
 * is not the target's owner (another member); the active member who owns the row's target (author of
 * the post or thread, participant of the conversation, the notified member); a suspended member; a
 * moderator scoped to another category than the target's; a moderator with no scope; an admin; an admin
 * with no second factor enrolled. The other staff have a second factor enrolled.
 */
export const AUTHZ_ACTORS = [
  'anonymous',
  'pending',
  'member',
  'owner',
  'suspended',
  'otherScope',
  'moderator',
  'admin',
  'noSecondFactor',
] as const;
export type AuthzActor = (typeof AUTHZ_ACTORS)[number];

/** Fixtures shared by every row. Targets are created in `category`; `otherScope` moderates only `otherCategory`. */
export interface AuthzContext {
  app: TestApp;
  category: { id: string; slug: string };
  otherCategory: { id: string; slug: string };
  /** The member id behind each signed-in actor (undefined for `anonymous`). */
  memberIds: Record<AuthzActor, string | undefined>;
  /** The account behind `owner`: rows create their targets as its own. */
  owner: BuiltMember;
  /** Each actor's shared client (signed in, except the visitor's). */
  clients: Record<AuthzActor, ApiClient>;
  /**
   * A new client signed in as another actor of the same kind (for rows that end or change a session).
   * For `owner` it is another active member: such rows ask about no target, so nothing is owned.
   */
  signIn(actor: AuthzActor): Promise<ApiClient>;
}

/** A concrete request for one actor: the URL (with the route's parameters filled) and the body. */
export interface AuthzRequest {
  url: string;
  body?: unknown;
  /** Who asks, when not the actor's shared client: a row that signs out must not sign the matrix out. */
  client?: ApiClient;
}

/**
 * One route of the matrix. `path` is the Express pattern exactly as mounted (for example
 * `/api/v1/moderation/items/:id`): the matrix fails when a route of the contract (or under the staff,
 * flag, notice and moderation-log prefixes) has no row, or a row no route. `prepare` runs once per actor
 * and creates a fresh target, `owner`'s where ownership matters, so that one actor's success does not
 * change what the next one meets.
 */
export interface AuthzRow {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  prepare(ctx: AuthzContext, actor: AuthzActor): Promise<AuthzRequest>;
  expect: Record<AuthzActor, number>;
}

/**
 * What an event row's sockets ask for before the trigger, as a client showing the target would: every
 * actor's socket asks `thread:watch` for `threadId`, and every signed-in one `conversation:join` for
 * `conversationId` (either ack may refuse; the refusal is the point).
 */
export interface AuthzEventTarget {
  threadId?: string;
  conversationId?: string;
  /** A post of the thread that the trigger acts on. */
  postId?: string;
  /** A member who is none of the actors, signed in: the other participant of the conversation. */
  other?: SignedIn;
}

/** Every actor's connected socket, signed in with the actor's session cookie (none for the visitor). */
export type AuthzSockets = Record<AuthzActor, ClientSocket>;

/** A server event of the contract, and which actors' sockets receive it. */
export interface AuthzEventRow {
  event: string;
  /** Creates the row's target before the sockets connect (so that server-side rooms are joined). */
  prepare?(ctx: AuthzContext): Promise<AuthzEventTarget>;
  /**
   * Causes the event, through HTTP (or a client socket), so that it is emitted after commit as in
   * use; resolves once the server has answered.
   */
  trigger(ctx: AuthzContext, target: AuthzEventTarget, sockets: AuthzSockets): Promise<void>;
  receives: Record<AuthzActor, boolean>;
}

/**
 * Expectations of a staff-only route: visitors are asked to sign in, members are refused, and so is an
 * admin without a second factor (403 second_factor_required); `ok` for the moderator and admin.
 */
export function staffOnly(
  ok: number,
  otherScope: number,
  overrides: Partial<Record<AuthzActor, number>> = {},
): Record<AuthzActor, number> {
  return {
    anonymous: 401,
    pending: 403,
    member: 403,
    owner: 403,
    suspended: 403,
    otherScope,
    moderator: ok,
    admin: ok,
    noSecondFactor: 403,
    ...overrides,
  };
}

/** Which actors receive an event: those named. */
export function receivers(...actors: AuthzActor[]): Record<AuthzActor, boolean> {
  return Object.fromEntries(AUTHZ_ACTORS.map((actor) => [actor, actors.includes(actor)])) as Record<
    AuthzActor,
    boolean
  >;
}

/** Expectations of a route any signed-in member may call, and visitors may not. */
export function membersOnly(ok: number, overrides: Partial<Record<AuthzActor, number>> = {}) {
  const expected = Object.fromEntries(AUTHZ_ACTORS.map((actor) => [actor, ok])) as Record<AuthzActor, number>;
  return { ...expected, anonymous: 401, ...overrides };
}

/** Expectations of a route everyone may call, visitors included. */
export function everyone(ok: number, overrides: Partial<Record<AuthzActor, number>> = {}) {
  const expected = Object.fromEntries(AUTHZ_ACTORS.map((actor) => [actor, ok])) as Record<AuthzActor, number>;
  return { ...expected, ...overrides };
}

/** A value for a path parameter that names nothing: a fresh id, or an unused slug, handle or name. */
function nothing(name: string): string {
  if (name === 'id' || name.endsWith('Id')) return randomUUID();
  return `nobody-${randomUUID().slice(0, 8)}`;
}

/**
 * A row that asks about something that does not exist (every path parameter names nothing), with the
 * given body: it checks who the route lets through its guards, each actor's answer declared. There is
 * no target, so `owner` answers like `member`.
 */
export function probe(
  method: AuthzRow['method'],
  path: string,
  expect: Record<AuthzActor, number>,
  body?: unknown,
): AuthzRow {
  return {
    method,
    path: `/api/v1${path}`,
    prepare: () =>
      Promise.resolve({
        url: `/api/v1${path.replace(/:(\w+)/g, (_m, name: string) => nothing(name))}`,
        body,
      }),
    expect,
  };
}

/**
 * Like `probe`, but asked by a client of its own (signed in afresh as the same kind of actor), for routes
 * that end or change the session that asks.
 */
export function probeAlone(
  method: AuthzRow['method'],
  path: string,
  expect: Record<AuthzActor, number>,
  body?: unknown,
): AuthzRow {
  const row = probe(method, path, expect, body);
  return {
    ...row,
    prepare: async (ctx, actor) => ({ ...(await row.prepare(ctx, actor)), client: await ctx.signIn(actor) }),
  };
}

/**
 * A client socket event of the contract, sent by each actor: what its ack answers (`ok`, or the error
 * code). `payload` runs once per actor and may create a fresh target (`owner`'s where ownership matters).
 */
export interface AuthzClientEventRow {
  event: string;
  payload(ctx: AuthzContext, actor: AuthzActor): unknown;
  expect: Record<AuthzActor, string>;
}

/** Expectations of a client event: every actor's ack answers the same, but those overridden. */
export function acks(answer: string, overrides: Partial<Record<AuthzActor, string>> = {}) {
  const expected = Object.fromEntries(AUTHZ_ACTORS.map((actor) => [actor, answer])) as Record<
    AuthzActor,
    string
  >;
  return { ...expected, ...overrides };
}
