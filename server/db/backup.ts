import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import pg from 'pg';
import { requestDump } from './data-dir-lock';
import { embeddedFilesDir, startEmbeddedDatabase } from './embedded';
import { packTar, TarFormatError, unpackTar, type TarEntry } from './tar';

// A backup of the embedded database is one gzip-compressed tar file (`tar -tzf` lists it):
//   agora-backup.json   what it is and when it was taken
//   database.tar        the database's files, as PGlite copies them
//   session-secret      the cookie-signing secret generated in DATA_DIR, when there is one
//   avatars/<key>.webp  the members' pictures

const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

const FORMAT = 'agora-embedded-backup';
const VERSION = 1;
const MANIFEST = 'agora-backup.json';
const DATABASE = 'database.tar';
const SESSION_SECRET = 'session-secret';
const AVATARS = 'avatars';

/** A refusal of `npm run backup` or `npm run restore`, with the message the operator reads. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** What a restored database holds, printed by `npm run restore`. */
export interface RestoreSummary {
  members: number;
  threads: number;
  posts: number;
  messages: number;
  migrations: number;
}

async function avatarEntries(dataDir: string): Promise<TarEntry[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dataDir, AVATARS));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: TarEntry[] = [];
  for (const name of names.filter((n) => /^[a-f0-9]{32}\.webp$/.test(n)).sort()) {
    try {
      entries.push({ name: `${AVATARS}/${name}`, data: await readFile(path.join(dataDir, AVATARS, name)) });
    } catch (error) {
      // Replaced since the directory was listed: the database copy no longer names it either.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return entries;
}

async function optionalFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Backs up the embedded database of `dataDir`. When a server holds it, that server copies its database
 * between two statements while it keeps serving (`live: true`); otherwise the files are opened here,
 * and a server starting meanwhile is refused until the copy is done. Avatars are copied after the
 * database, so every picture the copy names is there.
 */
export async function takeBackup(dataDir: string): Promise<{ archive: Buffer; live: boolean }> {
  let database = await requestDump(dataDir);
  const live = database !== null;
  if (!database) {
    if ((await optionalFile(path.join(embeddedFilesDir(dataDir), 'PG_VERSION'))) === null) {
      throw new BackupError(`There is no embedded database in ${path.resolve(dataDir)} (DATA_DIR).`);
    }
    const embedded = await startEmbeddedDatabase(dataDir);
    try {
      database = Buffer.from(await embedded.dump());
    } finally {
      await embedded.stop();
    }
  }
  const createdAt = new Date();
  const manifest = { format: FORMAT, version: VERSION, createdAt: createdAt.toISOString(), live };
  const entries: TarEntry[] = [
    { name: MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: DATABASE, data: database },
  ];
  const secret = await optionalFile(path.join(dataDir, SESSION_SECRET));
  if (secret) entries.push({ name: SESSION_SECRET, data: secret });
  entries.push(...(await avatarEntries(dataDir)));
  return { archive: await gzip(packTar(entries, createdAt)), live };
}

/** The entries of a backup file, or `BackupError` when it is not one. */
async function readBackup(file: string, bytes: Buffer): Promise<Map<string, TarEntry>> {
  const notBackup = (why: string) =>
    new BackupError(`${file} is not an Ágora backup (${why}); nothing was restored.`);
  let entries: TarEntry[];
  try {
    entries = unpackTar(await gunzip(bytes));
  } catch (error) {
    throw notBackup(error instanceof TarFormatError ? error.message : 'not a gzip-compressed tar file');
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  let manifest: { format?: unknown; version?: unknown } = {};
  try {
    manifest = JSON.parse(Buffer.from(byName.get(MANIFEST)?.data ?? []).toString('utf8')) as typeof manifest;
  } catch {
    // Reported below.
  }
  if (manifest.format !== FORMAT) throw notBackup(`no ${MANIFEST} describing a backup`);
  if (manifest.version !== VERSION) {
    throw notBackup(`format version ${String(manifest.version)}, this release reads ${VERSION}`);
  }
  if (!byName.has(DATABASE)) throw notBackup(`${DATABASE} is missing`);
  return byName;
}

async function countAll(connectionString: string): Promise<RestoreSummary> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<RestoreSummary>(
      `select (select count(*) from members)::int as members, (select count(*) from threads)::int as threads,
              (select count(*) from posts)::int as posts, (select count(*) from messages)::int as messages,
              (select count(*) from drizzle.__drizzle_migrations)::int as migrations`,
    );
    const [summary] = rows;
    if (!summary) throw new Error('no answer');
    return summary;
  } finally {
    await client.end();
  }
}

/**
 * Restores the backup `file` into `dataDir`, which must be new or empty: an existing database is never
 * overwritten. The restored database is started once (completing the copy's recovery) and read back
 * before the command reports success; on any failure `dataDir` is left empty again.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<RestoreSummary> {
  const existing = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) {
    throw new BackupError(
      `${path.resolve(dataDir)} (DATA_DIR) is not empty: restore into a new, empty DATA_DIR, then point the server at it.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new BackupError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const entries = await readBackup(file, bytes);
  await mkdir(dataDir, { recursive: true });
  try {
    const embedded = await startEmbeddedDatabase(dataDir, entries.get(DATABASE)?.data);
    let summary: RestoreSummary;
    try {
      summary = await countAll(embedded.connectionString);
    } finally {
      await embedded.stop();
    }
    const secret = entries.get(SESSION_SECRET);
    if (secret) await writeFile(path.join(dataDir, SESSION_SECRET), secret.data, { mode: 0o600 });
    const avatars = [...entries.values()].filter((e) => /^avatars\/[a-f0-9]{32}\.webp$/.test(e.name));
    if (avatars.length) await mkdir(path.join(dataDir, AVATARS), { recursive: true });
    for (const avatar of avatars) await writeFile(path.join(dataDir, avatar.name), avatar.data);
    return summary;
  } catch (error) {
    for (const name of await readdir(dataDir))
      await rm(path.join(dataDir, name), { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `${file} could not be restored (${error instanceof Error ? error.message : String(error)}); ${path.resolve(dataDir)} was left empty.`,
    );
  }
}
