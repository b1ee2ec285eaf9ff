import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Config } from './config';
import type { Logger } from './logger';
import { openDatabase, type OpenDatabase } from './db/open';
import { createRealtime } from './realtime/io';
import { composeAgora, type StartOptions } from './app/compose';
import { createApp } from './app/http';
import type { SeedReport } from './seed/demo';
import type { ViewCounter } from './forum/view-counter';
import type { OutboxWorker } from './mail/outbox.worker';
import type { DigestScheduler } from './notifications/digest.scheduler';
import type { BackgroundTasks } from './ops/background';
import type { Moderation } from './moderation/moderation';

export type { StartOptions };

/** A running Ágora: its URL and handles for tests, and a clean stop. */
export interface RunningAgora {
  url: string;
  server: http.Server;
  /** The Express app serving `server` (tests read its routes). */
  app: Express;
  pool: OpenDatabase['pool'];
  db: OpenDatabase['db'];
  seedReport: SeedReport | undefined;
  /** Thread views counted in memory, flushed in batches. */
  views: ViewCounter;
  /** The e-mail outbox's sender. */
  mailWorker: OutboxWorker;
  /** Writes the digests due (every minute, on its clock). */
  digestScheduler: DigestScheduler;
  /** Work done after answering (account e-mail requests); `idle()` waits for it. */
  background: BackgroundTasks;
  /** Flags, the review queue, actions, notices and logs. */
  moderation: Moderation;
  stop(): Promise<void>;
}

/**
 * Starts everything in order — database (embedded or server), migrations, the services and feature
 * modules (server/app/compose.ts), HTTP and sockets — and returns a handle whose `stop()` undoes it in
 * reverse: stop accepting, finish in-flight requests, close sockets, pool and database.
 */
export async function startAgora(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningAgora> {
  const database = await openDatabase(config, logger, options.inMemoryDatabase);
  const { pool, db } = database;
  const composed = await composeAgora(config, logger, database, options);
  const { session, broadcaster, modules, views, background, digestScheduler, mailWorker } = composed;
  let draining = false;

  // The HTTP server comes first: the development client's hot reload listens on it.
  const server = http.createServer();
  const app = createApp({
    config,
    logger,
    pool,
    translator: composed.translator,
    metrics: composed.metrics,
    csrf: composed.csrf,
    passport: composed.passport,
    sessionMiddleware: session.middleware,
    twoFactor: composed.twoFactor,
    modules,
    isDraining: () => draining,
    clientMiddleware: options.clientMiddleware ? await options.clientMiddleware(server) : undefined,
    pages: composed.web?.handler,
  });
  server.on('request', app);
  const io = createRealtime(server, {
    config,
    logger,
    translator: composed.translator,
    features: modules.flatMap((module) => module.sockets ?? []),
    sessionMiddleware: session.middleware,
    loadMember: (memberId) => composed.members.findById(memberId),
    metrics: composed.metrics,
    redis: composed.redis,
  });
  // The cycle the composition cannot order (see composeAgora): routes were built with the broadcaster,
  // which reaches sockets only now that the Socket.IO server exists on the app's HTTP server.
  broadcaster.attach(io);
  composed.oidc.warmUp();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  if (options.outbox?.autoStart !== false) mailWorker.start();
  if (options.digests?.autoStart !== false) digestScheduler.start();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url =
    config.port === 0 ? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` : config.baseUrl;

  let stopping: Promise<void> | undefined;
  return {
    url,
    server,
    app,
    pool,
    db,
    seedReport: composed.seedReport,
    views,
    mailWorker,
    digestScheduler,
    background,
    moderation: composed.moderation,
    stop() {
      draining = true;
      composed.suspensionSweep.stop();
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // io.close() disconnects every socket and closes the HTTP server once in-flight requests finish.
        await io.close();
        await closed;
        await views.stop();
        // Requests already answered may still be writing their e-mails; digests write to the outbox.
        await background.idle();
        await digestScheduler.stop();
        await mailWorker.stop();
        composed.transport.close();
        session.store.close();
        await composed.redis?.quit();
        await database.close();
      })();
      return stopping;
    },
  };
}
