import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import type pg from 'pg';
import type { Config } from '@server/config';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'agora.sid';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

/**
 * The secret that signs session cookies: `SESSION_SECRET`, or one generated on first start and kept in
 * `DATA_DIR` so that sessions survive restarts of a single embedded-mode process.
 */
export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.databaseUrl) return randomBytes(32).toString('base64url'); // test runs only: config enforces it elsewhere
  const file = path.resolve(config.dataDir, 'session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Sessions stored in PostgreSQL through the app's pool. Nothing is stored for visitors who have not
 * signed in (`saveUninitialized: false`), so reading the forum writes no row.
 */
export function createSessionMiddleware(config: Config, pool: pg.Pool, secret: string) {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.baseUrl.startsWith('https://'),
      maxAge: THIRTY_DAYS_MS,
      path: '/',
    },
  });
  return { middleware, store };
}
