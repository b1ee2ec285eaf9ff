import type { Config } from '@server/config';
import type { Logger } from '@server/logger';
import { createDatabase, createPool, type Database } from './pool';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { runMigrations } from './migrate';
import { warnIfCommitsMayBeLost } from './durability';
import type pg from 'pg';

/** An open, migrated database: the server of `DATABASE_URL`, or the embedded one. */
export interface OpenDatabase {
  pool: pg.Pool;
  db: Database;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or starts the embedded database under `DATA_DIR` (in memory when asked),
 * then applies pending migrations.
 */
export async function openDatabase(config: Config, logger: Logger, inMemory = false): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbeddedDatabase(inMemory ? null : config.dataDir);
    connectionString = embedded.connectionString;
    logger.info({ dataDir: inMemory ? ':memory:' : config.dataDir }, 'embedded database started');
    if (!inMemory && !embedded.backupSocket) {
      logger.warn(
        { dataDir: config.dataDir },
        'DATA_DIR is too long a path for the backup socket: npm run backup works only while the server is stopped',
      );
    }
  }
  // The embedded database serves one connection at a time; see embedded.ts.
  const pool = createPool(connectionString, embedded ? 1 : 20);
  pool.on('error', (error) => logger.error({ err: error }, 'idle database client error'));
  try {
    await runMigrations(pool);
    // The embedded database is a single process's files; the warning is for a server's configuration.
    if (!embedded) await warnIfCommitsMayBeLost(pool, logger);
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  return {
    pool,
    db: createDatabase(pool),
    embedded: embedded !== undefined,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}
