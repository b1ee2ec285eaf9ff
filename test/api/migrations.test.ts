import { expect } from 'chai';
import { readdirSync } from 'node:fs';
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
});

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
