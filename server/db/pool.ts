import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

/** The Drizzle database handle used by every `*.queries.ts`. */
export type Database = NodePgDatabase<typeof schema>;

/** A transaction handle, passed from a service down to the queries of a multi-table write. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Either the database or a transaction: what query functions accept. */
export type Executor = Database | Tx;

/** An error the server answered with on a connection that stays usable (not a FATAL or PANIC). */
function isRecoverableQueryError(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.severity !== 'FATAL' && error.severity !== 'PANIC';
}

/**
 * Opens the one pool of the process. Embedded mode must use `max: 1` (see `embedded.ts`).
 *
 * `pool.query` in pg-pool throws away its client whenever a query fails, even for an ordinary SQL error
 * (a unique violation) on a perfectly healthy connection. That costs a reconnect on a server and, on the
 * embedded database, races the old socket's close against the new connection, which the one-connection
 * socket server then refuses. So promise-style `pool.query` keeps the client after SQL errors.
 */
export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  const callbackQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const query = async (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof values === 'function' || typeof callback === 'function')
      return callbackQuery(config, values, callback);
    const client = await pool.connect();
    try {
      const result = await client.query(config as pg.QueryConfig, values as unknown[] | undefined);
      client.release();
      return result;
    } catch (error) {
      client.release(isRecoverableQueryError(error) ? undefined : (error as Error));
      throw error;
    }
  };
  pool.query = query as unknown as typeof pool.query;
  // A client emits 'error' when its connection dies (the database crashed or restarted). pg-pool
  // listens only while the client is idle; checked out (a transaction, a query under way), nobody
  // would, and an 'error' event without a listener ends the process. The query under way fails with the
  // same error, the client is unusable from then on and the pool drops it when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

/** Asks the database for the cheapest answer it can give; rejects when it cannot answer (readiness probe). */
export async function pingDatabase(pool: pg.Pool): Promise<void> {
  await pool.query('select 1');
}

/** Wraps the pool in Drizzle with the schema, for typed queries. */
export function createDatabase(pool: pg.Pool): Database {
  return drizzle(pool, { schema });
}
