import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { NextFunction, Request, Response, RequestHandler } from 'express';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { CLIENT_EVENTS, type ClientToServerEvents, type ServerToClientEvents } from '@shared/events';
import type { Config } from '@server/config';
import type { Logger } from '@server/logger';
import type { Metrics } from '@server/ops/metrics';
import { parse as parseCookies } from 'cookie';
import { isLocale, type Locale } from '@shared/constants';
import type { Translator } from '@server/i18n/i18n';
import { LOCALE_COOKIE, negotiateAcceptLanguage } from '@server/http/locale';
import { rooms } from './rooms';

/** What the server remembers about each socket. */
export interface SocketData {
  memberId: string | null;
  sessionId: string | null;
  /** Language of acks and errors: the member's preference, else the handshake's negotiation. */
  locale: Locale;
}

/** The typed Socket.IO server. */
export type AgoraIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** One connected, typed socket. */
export type AgoraSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** What a feature's socket handlers get: registered on every new connection. */
export interface SocketContext {
  translator: Translator;
  logger: Logger;
}

/**
 * A feature's socket handlers (e.g. `thread:watch`), registered synchronously on each connection. A
 * feature may return a promise for set-up work (joining the member's conversation rooms): `hello` is
 * sent once every feature's set-up is done, so a client that catches up after `hello` misses nothing.
 */
export type SocketFeature = (socket: AgoraSocket, ctx: SocketContext) => void | Promise<void>;

/** What the handshake needs to know about the session's member. */
export interface SocketMember {
  id: string;
  /** The member's saved language, which wins over the handshake's negotiation. */
  locale: Locale;
}

/** Connected Redis clients for the adapter, or none. */
export interface RedisPair {
  pub: unknown;
  sub: unknown;
}

interface RealtimeDeps {
  config: Config;
  logger: Logger;
  translator: Translator;
  /** Feature handlers, in registration order. */
  features: SocketFeature[];
  sessionMiddleware: RequestHandler;
  /** The member of a session's Passport id, or undefined when the account is gone. */
  loadMember: (memberId: string) => Promise<SocketMember | undefined>;
  metrics: Metrics;
  redis?: RedisPair;
}

type SessionRequest = IncomingMessage & {
  session?: { passport?: { user?: unknown } };
  sessionID?: string;
  _query?: Record<string, string>;
};

/**
 * Browsers always send `Origin` on WebSocket and cross-origin requests; a handshake from another site
 * would carry the member's cookie, so it is refused. Clients that are not browsers send no `Origin`
 * and carry no one else's cookie.
 */
export function isSameOrigin(req: IncomingMessage, baseUrl: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const url = new URL(origin);
    return url.origin === new URL(baseUrl).origin || url.host === req.headers.host;
  } catch {
    return false;
  }
}

/** Whether a client may send an event of this name: the contract lists it (inherited names do not count). */
export function isClientEvent(name: unknown): boolean {
  return typeof name === 'string' && Object.hasOwn(CLIENT_EVENTS, name);
}

/**
 * The Socket.IO server on the app's HTTP server. The handshake reads the same session cookie as HTTP;
 * a signed-in socket joins `user:<id>` and its session's room, so signing out disconnects it.
 */
export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const io: AgoraIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, deps.config.baseUrl)),
  });
  // The adapter's channels start with REDIS_PREFIX too: processes of another site (or another test run)
  // on the same Redis neither receive these events nor answer these fetchSockets requests.
  if (deps.redis) {
    io.adapter(
      createAdapter(deps.redis.pub, deps.redis.sub, { key: `${deps.config.redisPrefix}:socket.io` }),
    );
  }

  // The session is read once, at the handshake; later polling requests of the same socket skip it.
  io.engine.use((req: SessionRequest, res: Response, next: NextFunction) => {
    if (req._query?.sid !== undefined) return next();
    deps.sessionMiddleware(req as unknown as Request, res, next);
  });

  io.use((socket, next) => {
    const req = socket.request as SessionRequest;
    const memberId = req.session?.passport?.user;
    socket.data.memberId = null;
    socket.data.sessionId = null;
    const cookie = parseCookies(req.headers.cookie ?? '')[LOCALE_COOKIE];
    socket.data.locale =
      (isLocale(cookie) ? cookie : undefined) ??
      negotiateAcceptLanguage(req.headers['accept-language']) ??
      deps.config.defaultLocale;
    if (typeof memberId !== 'string') return next();
    deps.loadMember(memberId).then(
      (member) => {
        if (member) {
          socket.data.memberId = member.id;
          socket.data.sessionId = req.sessionID ?? null;
          socket.data.locale = member.locale;
        }
        next();
      },
      (error: unknown) => {
        deps.logger.error({ err: error }, 'socket handshake failed');
        next(new Error('internal_error'));
      },
    );
  });

  io.on('connection', (socket) => {
    const { memberId, sessionId } = socket.data;
    socket.once('disconnect', deps.metrics.socketConnected(Boolean(memberId)));
    if (memberId) void socket.join(rooms.user(memberId));
    if (sessionId) void socket.join(rooms.session(sessionId));
    // A packet that breaks the protocol already closes its connection (Socket.IO's parser refuses it);
    // one that names an event the contract does not list (any other string, a number, an event only
    // the server sends) comes from no client of ours: its connection is closed too, before any handler.
    socket.use(([event], next) => {
      if (isClientEvent(event)) return next();
      deps.logger.debug({ event: String(event).slice(0, 40) }, 'socket sent an unknown event: disconnected');
      socket.disconnect(true);
    });
    const context: SocketContext = { translator: deps.translator, logger: deps.logger };
    // An async wrapper still runs each feature's synchronous part (its handler registration) at once.
    Promise.all(deps.features.map(async (feature) => feature(socket, context))).then(
      () => socket.emit('hello', { userId: memberId }),
      (error: unknown) => {
        deps.logger.error({ err: error }, 'socket set-up failed');
        socket.disconnect(true);
      },
    );
  });

  return io;
}
