import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database name the harness may create and drop: it must say it is a test database. */
export function isTestDatabaseName(name: string): boolean {
  return /^agora_test_[a-z0-9_]+$/.test(name);
}

/** A throwaway database on the server of `serverUrl`, created now and dropped by `drop()`. */
export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh database on the PostgreSQL server of `serverUrl` for one test run. The harness
 * refuses any name that does not mark it as a test database, so it can never drop a real one.
 */
export async function createScratchDatabase(serverUrl: string, label = 'run'): Promise<ScratchDatabase> {
  const name = `agora_test_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (!isTestDatabaseName(name)) throw new Error(`refusing to use ${name}: not a test database name`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (!isTestDatabaseName(name)) throw new Error(`refusing to drop ${name}`);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Counts the SQL statements sent through the app's pool while `work` runs. */
export async function countQueries(pool: pg.Pool, work: () => Promise<unknown>): Promise<number> {
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  let count = 0;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    count += 1;
    return original(...args);
  };
  try {
    await work();
  } finally {
    (pool as unknown as { query: unknown }).query = original;
  }
  return count;
}
