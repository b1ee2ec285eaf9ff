import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/** An embedded PostgreSQL (PGlite) reachable over the Postgres wire protocol on loopback. */
export interface EmbeddedDatabase {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with its files under `dataDir` (or in memory when `dataDir` is null) and serves it on an
 * ephemeral loopback port, so the app talks to it through the same `pg` pool as to a real server.
 */
export async function startEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let location: string | undefined;
  if (dataDir) {
    location = path.resolve(dataDir, 'pglite');
    await mkdir(location, { recursive: true });
  }
  // The extensions the migrations create (directory search) must be loadable, as on a server.
  const db = await PGlite.create({ dataDir: location, extensions: { pg_trgm, unaccent } });
  // PGlite runs one query at a time and its socket multiplexer does not isolate transactions between
  // connections, so exactly one connection is served; the pool above it has max 1 as well.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
