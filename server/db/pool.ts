import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

/** The Drizzle database handle used by every `*.queries.ts`. */
export type Database = NodePgDatabase<typeof schema>;

/** A transaction handle, passed from a service down to the queries of a multi-table write. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Either the database or a transaction: what query functions accept. */
export type Executor = Database | Tx;

/** Opens the one pool of the process. Embedded mode must use `max: 1` (see `embedded.ts`). */
export function createPool(connectionString: string, max: number): pg.Pool {
  return new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
}

/** Wraps the pool in Drizzle with the schema, for typed queries. */
export function createDatabase(pool: pg.Pool): Database {
  return drizzle(pool, { schema });
}
