import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '@server/config';
import { createLogger, type Logger } from '@server/logger';
import { startAgora, type RunningAgora, type StartOptions } from '@server/server';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { createScratchDatabase, type ScratchDatabase } from './database';

/** A running app on a random port against a database of its own. */
export interface TestApp extends RunningAgora {
  config: Config;
  /** Stops the app and removes its database. */
  dispose(): Promise<void>;
}

/** Where the suite's database lives: the server of `DATABASE_URL`, or embedded PGlite when it is unset. */
export const databaseMode: 'server' | 'embedded' = process.env.DATABASE_URL ? 'server' : 'embedded';

/**
 * Starts an app the way `npm start` does, on port 0, with a fresh database: a new one created on the
 * `DATABASE_URL` server (dropped afterwards), or an in-memory embedded one. `logger` replaces the
 * process logger (suites that read what was logged).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: Omit<StartOptions, 'inMemoryDatabase'> = {},
  logger?: Logger,
): Promise<TestApp> {
  let scratch: ScratchDatabase | undefined;
  if (process.env.DATABASE_URL) scratch = await createScratchDatabase(process.env.DATABASE_URL);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-test-'));
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    // Suites post as brand-new members; the review of new members' posts is tested on apps of its own.
    NEW_MEMBER_REVIEW_POSTS: '0',
    NEW_ACCOUNT_MAX_LINKS: '100',
    ...env,
  });
  const running = await startAgora(config, logger ?? createLogger(config.logLevel), {
    inMemoryDatabase: true,
    authLimits: DEFAULT_AUTH_LIMITS,
    // Suites post and preview many times per member; these limits are tested on apps of their own.
    postLimits: {
      intervalSeconds: 0,
      newMemberIntervalSeconds: 0,
      previews: { points: 100_000, seconds: 1 },
      previewsPerAddress: { points: 100_000, seconds: 1 },
    },
    // Digests run on the real clock every minute; suites that test them run the scheduler at chosen instants.
    digests: { autoStart: false },
    // Suites flush counted views when they check them; a timer flush in between would race their assertions.
    viewFlushIntervalMs: 24 * 60 * 60 * 1000,
    // Factories write through services outside the app, whose events never reach its page cache: a
    // cached page would miss what they wrote. The cache is tested on an app of its own.
    pageCache: { maxEntries: 0, ttlMs: 0 },
    ...options,
  });
  return {
    ...running,
    config,
    async dispose() {
      await running.stop();
      await scratch?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let shared: Promise<TestApp> | undefined;

/** The app most suites share (started once per run, stopped by the root hook). */
export function getTestApp(): Promise<TestApp> {
  shared ??= startTestApp();
  return shared;
}

/** Stops the shared app, if one was started. */
export async function stopSharedTestApp(): Promise<void> {
  if (!shared) return;
  const app = await shared;
  shared = undefined;
  await app.dispose();
}
