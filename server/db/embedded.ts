import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { claimDataDir, type DataDirClaim } from './data-dir-lock';

/** An embedded PostgreSQL (PGlite) reachable over the Postgres wire protocol on loopback. */
export interface EmbeddedDatabase {
  connectionString: string;
  /**
   * Where `npm run backup` reaches this process for a copy of the database while it runs; null in
   * memory, or when DATA_DIR's path is too long for a socket (backups then need the server stopped).
   */
  backupSocket: string | null;
  /** A tar archive of the database's files, consistent: taken between two statements (see backup.ts). */
  dump(): Promise<Uint8Array>;
  stop(): Promise<void>;
}

/** Where the embedded database's files lie under DATA_DIR. */
export function embeddedFilesDir(dataDir: string): string {
  return path.resolve(dataDir, 'pglite');
}

/**
 * Starts PGlite with its files under `dataDir` (or in memory when `dataDir` is null) and serves it on an
 * ephemeral loopback port, so the app talks to it through the same `pg` pool as to a real server.
 * `dataDir` is claimed for this process first: a second process on the same files is refused with
 * `DataDirInUseError`. `load` starts an empty `dataDir` from a backup's database archive.
 */
export async function startEmbeddedDatabase(
  dataDir: string | null,
  load?: Uint8Array,
): Promise<EmbeddedDatabase> {
  let location: string | undefined;
  let claim: DataDirClaim | undefined;
  // The claim answers backup requests from the moment it is made; the database opens after it.
  const opened: { db?: PGlite } = {};
  if (dataDir) {
    location = embeddedFilesDir(dataDir);
    await mkdir(location, { recursive: true });
    claim = await claimDataDir(dataDir, () =>
      opened.db ? copyFiles(opened.db) : Promise.reject(new Error('the database is still starting')),
    );
  }
  let db: PGlite;
  try {
    // The extensions the migrations create (directory search) must be loadable, as on a server.
    db = await PGlite.create({
      dataDir: location,
      extensions: { pg_trgm, unaccent },
      loadDataDir: load ? new Blob([new Uint8Array(load)], { type: 'application/x-tar' }) : undefined,
    });
  } catch (error) {
    await claim?.release();
    throw error;
  }
  opened.db = db;
  // PGlite runs one query at a time and its socket multiplexer does not isolate transactions between
  // connections, so exactly one connection is served; the pool above it has max 1 as well.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres`,
    backupSocket: claim?.socketPath ?? null,
    dump: () => copyFiles(db),
    async stop() {
      await claim?.release();
      await server.stop();
      await db.close();
    },
  };
}

/**
 * The database's files as a tar archive. PGlite copies them while holding its query lock, so no statement
 * runs during the copy: the files are those of a database stopped between two statements, which starts
 * from them as after a crash: every committed transaction is there (its WAL was written at commit), and
 * one still open on the app's connection is rolled back.
 */
async function copyFiles(db: PGlite): Promise<Uint8Array> {
  const archive = await db.dumpDataDir('none');
  return new Uint8Array(await archive.arrayBuffer());
}
