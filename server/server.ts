import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { createClient } from 'redis';
import type { Config } from './config';
import type { Logger } from './logger';
import { openDatabase, type OpenDatabase } from './db/open';
import { createTranslator } from './i18n/i18n';
import { createMetrics } from './ops/metrics';
import { createCsrf } from './http/csrf';
import { createApp } from './http/app';
import { createSessionMiddleware, resolveSessionSecret } from './auth/session';
import { createPassport } from './auth/passport';
import { createAuthService } from './auth/auth.service';
import { createAuthLimits, DEFAULT_AUTH_LIMITS, type AuthLimitSizes } from './auth/rate-limits';
import { createMemberService } from './members/member.service';
import { createSecrets } from './auth/secrets';
import { createTwoFactorService } from './auth/two-factor.service';
import { createSessionService } from './auth/sessions.service';
import { createSignIn } from './auth/sign-in';
import { createIdentityService } from './auth/identity.service';
import { createOidc } from './auth/oidc';
import { oidcVerify } from './auth/oidc.routes';
import { createCategoryService } from './forum/category.service';
import { createRealtime, type RedisPair } from './realtime/io';
import { createBroadcaster } from './realtime/broadcast';
import { seedDemoIfEmpty, type SeedReport } from './seed/demo';

/** Options that tests and tools set beyond the environment's configuration. */
export interface StartOptions {
  /** Serve the embedded database from memory instead of `DATA_DIR` (tests). */
  inMemoryDatabase?: boolean;
  authLimits?: AuthLimitSizes;
  clientMiddleware?: (server: http.Server) => Promise<RequestHandler>;
  seed?: boolean;
}

/** A running Ágora: its URL and handles for tests, and a clean stop. */
export interface RunningAgora {
  url: string;
  server: http.Server;
  pool: OpenDatabase['pool'];
  db: OpenDatabase['db'];
  seedReport: SeedReport | undefined;
  stop(): Promise<void>;
}

async function connectRedis(url: string): Promise<RedisPair & { quit(): Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub, quit: async () => void (await Promise.all([pub.quit(), sub.quit()])) };
}

/**
 * Starts everything in order — database (embedded or server), migrations, seed, HTTP and sockets — and
 * returns a handle whose `stop()` undoes it in reverse: stop accepting, finish in-flight requests,
 * close sockets, pool and database.
 */
export async function startAgora(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningAgora> {
  const database = await openDatabase(config, logger, options.inMemoryDatabase);
  const { pool, db } = database;

  const translator = await createTranslator(config.defaultLocale);
  const members = createMemberService(db);
  const categories = createCategoryService(db);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
  const limits = createAuthLimits(options.authLimits ?? DEFAULT_AUTH_LIMITS, redis?.pub);
  const auth = createAuthService(config, members, limits);

  const seedReport =
    (options.seed ?? config.seedDemo) ? await seedDemoIfEmpty({ members, categories }, logger) : undefined;

  const secret = await resolveSessionSecret(config);
  const secrets = createSecrets(secret);
  const session = createSessionMiddleware(config, pool, secret);
  const passport = createPassport(auth, members);
  const metrics = createMetrics();
  const csrf = createCsrf(secret, config.baseUrl.startsWith('https://'));
  const broadcaster = createBroadcaster();
  const twoFactor = createTwoFactorService(db, secrets, limits);
  const sessions = createSessionService(db, secrets);
  const signIn = createSignIn({ csrf, twoFactor, members, broadcaster });
  const identities = createIdentityService(config, db, members, secrets);
  const oidc = createOidc(config, passport, logger, oidcVerify(identities));
  let draining = false;

  const server = http.createServer();
  const app = createApp({
    config,
    logger,
    pool,
    translator,
    metrics,
    csrf,
    passport,
    sessionMiddleware: session.middleware,
    services: { auth, members, categories, twoFactor, sessions, signIn, identities, oidc },
    broadcaster,
    isDraining: () => draining,
    clientMiddleware: options.clientMiddleware ? await options.clientMiddleware(server) : undefined,
  });
  server.on('request', app);
  const io = createRealtime(server, {
    config,
    logger,
    translator,
    features: [],
    sessionMiddleware: session.middleware,
    members,
    metrics,
    redis,
  });
  broadcaster.attach(io);
  oidc.warmUp();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url =
    config.port === 0 ? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` : config.baseUrl;

  let stopping: Promise<void> | undefined;
  return {
    url,
    server,
    pool,
    db,
    seedReport,
    stop() {
      draining = true;
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // io.close() disconnects every socket and closes the HTTP server once in-flight requests finish.
        await io.close();
        await closed;
        session.store.close();
        await redis?.quit();
        await database.close();
      })();
      return stopping;
    },
  };
}
