import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createPool } from '@server/db/pool';
import { startEmbeddedDatabase } from '@server/db/embedded';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { openDatabase, type OpenDatabase } from '@server/db/open';
import { migrationsFolder, runMigrations } from '@server/db/migrate';
import { createScratchDatabase, isTestDatabaseName, type ScratchDatabase } from '../helpers/database';
import { databaseMode } from '../helpers/app';

describe('migrations', () => {
  let scratch: ScratchDatabase | undefined;
  let database: OpenDatabase;

  before(async function () {
    this.timeout(60_000);
    if (process.env.DATABASE_URL)
      scratch = await createScratchDatabase(process.env.DATABASE_URL, 'migrations');
    const config = parseConfig({ NODE_ENV: 'test', DATABASE_URL: scratch?.url, LOG_LEVEL: 'silent' });
    database = await openDatabase(config, createLogger('silent'), true);
  });
  after(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it(`builds the whole schema on an empty ${databaseMode} database`, async () => {
    const { rows } = await database.pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).to.include.members([
      'categories',
      'category_translations',
      'members',
      'profiles',
      'session',
    ]);
    const applied = await database.pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    const files = readdirSync(migrationsFolder()).filter((f) => f.endsWith('.sql'));
    expect(applied.rows[0].n).to.equal(files.length);
  });

  it('is a no-op the second time, and safe when several processes start together', async () => {
    await Promise.all([runMigrations(database.pool), runMigrations(database.pool)]);
    const applied = await database.pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    const files = readdirSync(migrationsFolder()).filter((f) => f.endsWith('.sql'));
    expect(applied.rows[0].n).to.equal(files.length);
  });

  it('enforces the domain in the database itself', async () => {
    const insert = (email: string, handle: string, role = 'member') =>
      database.pool.query(
        `insert into members (email, handle, display_name, role) values ($1, $2, 'Test Person', $3)`,
        [email, handle, role],
      );
    await insert('unique@example.org', 'unique_handle');
    for (const [email, handle, role] of [
      ['unique@example.org', 'other_handle', 'member'], // duplicate e-mail
      ['other@example.org', 'unique_handle', 'member'], // duplicate handle
      ['Upper@Example.org', 'upper_handle', 'member'], // e-mail not lower-cased
      ['bad-handle@example.org', 'Bad Handle!', 'member'],
      ['role@example.org', 'role_handle', 'superuser'],
    ] as const) {
      let failed = false;
      try {
        await insert(email, handle, role);
      } catch {
        failed = true;
      }
      expect(failed, `${email} ${handle} ${role}`).to.equal(true);
    }
  });

  describe('upgrading from the previous release', () => {
    let pool: pg.Pool | undefined;
    let stopEmbedded: (() => Promise<void>) | undefined;
    let scratch: ScratchDatabase | undefined;
    let folder: string | undefined;

    after(async () => {
      await pool?.end();
      await stopEmbedded?.();
      await scratch?.drop();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it(`keeps every row and column the previous release wrote (${databaseMode} database)`, async function () {
      this.timeout(90_000);
      let url: string;
      if (process.env.DATABASE_URL) {
        scratch = await createScratchDatabase(process.env.DATABASE_URL, 'upgrade');
        url = scratch.url;
      } else {
        const embedded = await startEmbeddedDatabase(null);
        stopEmbedded = () => embedded.stop();
        url = embedded.connectionString;
      }
      pool = createPool(url, 1);
      const previous = await previousRelease(RELEASES_BEHIND);
      folder = previous.folder;
      const client = await pool.connect();
      try {
        await migrate(drizzle(client), { migrationsFolder: previous.folder });
        await client.query(PREVIOUS_RELEASE_DATA);
      } finally {
        client.release();
      }
      const before = await everyRow(pool);
      expect(before.get('messages')).to.have.length(2);

      await runMigrations(pool);

      const after = await everyRow(pool);
      for (const [table, rows] of before) {
        expect(after.has(table), `${table} after the upgrade to ${previous.tags.join(', ')}`).to.equal(true);
        // Each row as it was: the columns it had, with their values (new columns may be added beside them).
        const columns = Object.keys(rows[0] ?? {}).sort();
        const project = (row: Record<string, unknown>) =>
          JSON.stringify(columns.map((key) => [key, row[key]]));
        const wanted = rows.map(project).sort();
        const found = (after.get(table) ?? []).map(project).sort();
        expect(found, `${table} after the upgrade to ${previous.tags.join(', ')}`).to.deep.equal(wanted);
      }
      // The upgraded schema is the one a new installation gets.
      expect(await schemaShape(pool)).to.deep.equal(await schemaShape(database.pool));
    });
  });
});

/** How many of the latest migrations the previous release lacked (`UPGRADE_FROM=<n>` to start further back). */
const RELEASES_BEHIND = Number(process.env.UPGRADE_FROM ?? 1);

/** A copy of the migrations folder without its latest `behind` migrations: the previous release's. */
async function previousRelease(behind: number): Promise<{ folder: string; tags: string[] }> {
  const source = migrationsFolder();
  const journal = JSON.parse(await readFile(path.join(source, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const entries = journal.entries.slice(0, journal.entries.length - behind);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'agora-previous-release-'));
  await mkdir(path.join(folder, 'meta'));
  await writeFile(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries)
    await copyFile(path.join(source, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  return { folder, tags: journal.entries.slice(-behind).map((entry) => entry.tag) };
}

/** Every row of every table in `public`, as JSON text per table. */
async function everyRow(pool: pg.Pool): Promise<Map<string, Record<string, unknown>[]>> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const all = new Map<string, Record<string, unknown>[]>();
  for (const { table_name: table } of tables) {
    const { rows } = await pool.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(t) as row from "${table}" t`,
    );
    all.set(
      table,
      rows.map((r) => r.row),
    );
  }
  return all;
}

/** The shape of the schema: each column with its type, nullability and default, and each constraint. */
async function schemaShape(pool: pg.Pool): Promise<string[]> {
  const { rows: columns } = await pool.query<{ d: string }>(
    `select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
            coalesce(column_default, '') as d
       from information_schema.columns where table_schema = 'public' order by 1`,
  );
  const { rows: constraints } = await pool.query<{ d: string }>(
    `select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as d
       from pg_constraint where connamespace = 'public'::regnamespace order by 1`,
  );
  return [...columns, ...constraints].map((row) => row.d);
}

/** What members wrote under the previous release, in its schema: a question answered, a conversation. */
const PREVIOUS_RELEASE_DATA = `
  insert into members (email, handle, display_name, role) values
    ('ana@example.org', 'ana', 'Ana Souza', 'member'), ('bruno@example.org', 'bruno', 'Bruno Díaz', 'moderator');
  insert into profiles (member_id) select id from members;
  insert into categories (slug) values ('gobierno-abierto');
  insert into category_translations (category_id, locale, name)
    select c.id, l, 'Gobierno abierto' from categories c, unnest(array['es', 'pt', 'en', 'fr']) l;
  insert into threads (category_id, author_id, kind, title, lang, post_count, reply_count)
    select c.id, m.id, 'question', '¿Cómo publicar datos abiertos?', 'es', 2, 1
      from categories c, members m where m.handle = 'ana';
  insert into posts (thread_id, author_id, seq, path, body_source, body_html, lang)
    select t.id, m.id, 1, '{1}', '¿Por dónde empezar?', '<p>¿Por dónde empezar?</p>', 'es'
      from threads t, members m where m.handle = 'ana';
  insert into posts (thread_id, author_id, parent_id, seq, path, body_source, body_html, lang)
    select t.id, m.id, p.id, 2, '{1,2}', 'Por el inventario.', '<p>Por el inventario.</p>', 'es'
      from threads t join posts p on p.thread_id = t.id, members m where m.handle = 'bruno';
  insert into conversations (kind, pair_key, last_seq, created_by)
    select 'direct', string_agg(id::text, ':' order by id), 2, min(id::text)::uuid from members;
  insert into conversation_members (conversation_id, member_id, state, last_read_seq)
    select c.id, m.id, 'active', 1 from conversations c, members m;
  insert into messages (conversation_id, author_id, seq, client_id, body_source, body_html)
    select c.id, m.id, s, 'previous-' || s, 'Mensaje ' || s, '<p>Mensaje ' || s || '</p>'
      from conversations c, members m, generate_series(1, 2) s where m.handle = 'ana';
`;

describe('the test harness', () => {
  it('only ever creates or drops databases named as test databases', () => {
    expect(isTestDatabaseName('agora_test_run_123_abcd')).to.equal(true);
    for (const name of [
      'agora',
      'postgres',
      'agora_production',
      'test',
      'agora_test_"; drop database x; --',
    ]) {
      expect(isTestDatabaseName(name), name).to.equal(false);
    }
  });
});
