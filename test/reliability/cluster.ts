import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { RoundRobinProxy } from './proxy';
import { freePort, ServerProcess } from './server-process';

/** Several real server processes on one database and one Redis, behind one proxy. */
export interface Cluster {
  /** Where clients connect: the proxy. */
  url: string;
  proxy: RoundRobinProxy;
  /** The processes, named `a`, `b`, … (the proxy's backend names). */
  processes: ServerProcess[];
  names: string[];
  database: ScratchDatabase;
  /** A small pool on the same database, for set-up and for checking what was stored. */
  pool: pg.Pool;
  /** The processes' `REDIS_PREFIX`: this run's keys and adapter channels, and nobody else's. */
  redisPrefix: string;
  /** Stops (SIGTERM) and starts again every process at once, on the same ports. */
  restart(): Promise<void>;
  /** Stops everything and removes the database, the run's Redis keys and the data directory. */
  stop(): Promise<void>;
}

/** Whether the machine has what a cluster needs: a PostgreSQL server and a Redis server. */
export const clusterAvailable = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

/**
 * Starts `size` processes of `server/main.ts` (as `npm start` runs them) on a scratch database of the
 * `DATABASE_URL` server, with the Redis adapter on `REDIS_URL` under a prefix of this run's own, behind a
 * round-robin proxy with sticky sessions. `env` adds to (or overrides) the processes' environment.
 */
export async function startCluster(
  label: string,
  env: Record<string, string> = {},
  size = 2,
): Promise<Cluster> {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const redisUrl = process.env.REDIS_URL ?? '';
  const database = await createScratchDatabase(serverUrl, label);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `agora-${label}-`));
  const redisPrefix = `agora-test-${label}-${randomBytes(4).toString('hex')}`;
  const names = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + i));
  const ports = await Promise.all(names.map(() => freePort()));
  const proxy = new RoundRobinProxy(names.map((name, i) => ({ name, port: ports[i]! })));
  await proxy.listen();
  const secret = randomBytes(32).toString('hex');
  const processes = names.map(
    (_, i) =>
      new ServerProcess(ports[i]!, {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        // The same secret everywhere: a session cookie set by one process is read by the other.
        SESSION_SECRET: secret,
        BASE_URL: proxy.url,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        SEED_DEMO: 'false',
        SMTP_URL: '',
        // The review of new members' first posts would hold the replies; it is not under test here.
        NEW_MEMBER_REVIEW_POSTS: '0',
        LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn',
        ...env,
      }),
  );
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const startAll = async () => {
    // The first applies the migrations (under their advisory lock); the others find them applied.
    await processes[0]!.start();
    await Promise.all(processes.slice(1).map((child) => child.start()));
  };
  try {
    await startAll();
  } catch (error) {
    await Promise.all(processes.map((child) => child.kill9()));
    await proxy.close();
    await pool.end();
    await database.drop();
    throw error;
  }

  return {
    url: proxy.url,
    proxy,
    processes,
    names,
    database,
    pool,
    redisPrefix,
    async restart() {
      await Promise.all(processes.map((child) => child.stop()));
      await Promise.all(processes.map((child) => child.start()));
    },
    async stop() {
      await Promise.all(processes.map((child) => child.stop()));
      await proxy.close();
      await pool.end();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      try {
        const keys = await redis.keys(`${redisPrefix}*`);
        if (keys.length) await redis.del(keys);
      } finally {
        await redis.quit();
      }
    },
  };
}
