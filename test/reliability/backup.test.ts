import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pg from 'pg';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { startAgora, type RunningAgora } from '@server/server';
import { startEmbeddedDatabase } from '@server/db/embedded';
import { DataDirInUseError } from '@server/db/data-dir-lock';
import { createCategoryService } from '@server/forum/category.service';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { LedgerClient, type Outcome } from './client';

// A backup taken while members write restores into a fresh instance with every member, thread, post and
// message acknowledged before the backup began, and nothing half-written. The embedded database is backed
// up with `npm run backup` while the server runs; a PostgreSQL server (when DATABASE_URL is set) with the
// `pg_dump -Fc` / `pg_restore` of docs/deploying.md.

/** Concurrent writers (an even number: they write in pairs of conversations). */
const WRITERS = 6;
/** How long members write before the backup starts (once each kind of write has been acknowledged), and on after it ended. */
const LEAD_MS = 500;
const TRAIL_MS = 500;
/** Where the PostgreSQL client programs are (`pg_dump`, `pg_restore`). */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Kind = 'member' | 'thread' | 'post' | 'message';
interface Ack {
  kind: Kind;
  id: string;
  at: number;
}

/** The app as `npm start` runs it, with limits that let a handful of writers write fast. */
function startApp(env: Record<string, string>): Promise<RunningAgora> {
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    NEW_MEMBER_REVIEW_POSTS: '0',
    NEW_ACCOUNT_MAX_LINKS: '100',
    ...env,
  });
  const fast = { points: 100_000, seconds: 1 };
  return startAgora(config, createLogger('silent'), {
    authLimits: DEFAULT_AUTH_LIMITS,
    postLimits: { intervalSeconds: 0, newMemberIntervalSeconds: 0, previews: fast, previewsPerAddress: fast },
    messagingLimits: { messages: fast, newAccountMessages: fast, starts: fast, newAccountStarts: fast },
    digests: { autoStart: false },
    outbox: { autoStart: false },
  });
}

let address = 0;
async function register(url: string, acks: Ack[] | null): Promise<{ id: string; client: LedgerClient }> {
  address += 1;
  const client = new LedgerClient(url, `203.0.113.${(address % 250) + 1}`);
  const body = (await client.expect(
    'POST',
    '/api/v1/auth/register',
    {
      email: `respaldo-${randomBytes(5).toString('hex')}@example.org`,
      password: 'una copia que no miente',
      displayName: `Persona ${address}`,
    },
    [201],
  )) as { user: { id: string } };
  acks?.push({ kind: 'member', id: body.user.id, at: Date.now() });
  await client.session();
  return { id: body.user.id, client };
}

/**
 * Members write (register, open threads, reply, message) until `backup()` has run and a little after;
 * returns every acknowledged write with the instant its answer arrived, and when the backup started.
 */
async function writeThrough(
  app: RunningAgora,
  backup: () => Promise<void>,
): Promise<{ acks: Ack[]; startedAt: number; endedAt: number }> {
  const categoryId = await createCategoryService(app.db).create({
    slug: `respaldo-${randomBytes(4).toString('hex')}`,
    position: 100,
    defaultLocale: 'es',
    readAccess: 'public',
    translations: (['es', 'pt', 'en', 'fr'] as const).map((locale) => ({
      locale,
      name: `Respaldo ${locale}`,
      description: 'Copias de seguridad',
    })),
  });
  const acks: Ack[] = [];
  const writers = await Promise.all(Array.from({ length: WRITERS }, () => register(app.url, acks)));
  const conversations: string[] = [];
  for (let i = 0; i < WRITERS; i += 2) {
    const [a, b] = [writers[i], writers[i + 1]];
    if (!a || !b) throw new Error('writers come in pairs');
    const { conversation } = (await a.client.expect(
      'POST',
      '/api/v1/conversations',
      { memberIds: [b.id], body: 'Hola' },
      [200, 201],
    )) as { conversation: { id: string } };
    await b.client.expect('POST', `/api/v1/conversations/${conversation.id}/accept`, undefined, [200]);
    conversations.push(conversation.id, conversation.id);
  }
  const threads: string[] = [];
  const refused = new Map<string, number>();
  const tally = (what: string, res: Outcome) => {
    if (res.answered && res.status === 201) return;
    const key = `${what} ${res.answered ? `${res.status} ${JSON.stringify(res.body).slice(0, 120)}` : res.error}`;
    refused.set(key, (refused.get(key) ?? 0) + 1);
  };
  let stop = false;
  const write = async (index: number) => {
    const me = writers[index];
    if (!me) return;
    for (let turn = 0; !stop; turn += 1) {
      const choice = (turn + index) % 4;
      if (choice === 0 || threads.length === 0) {
        const res = await me.client.request('POST', '/api/v1/threads', {
          categoryId,
          title: `Hilo ${index}-${turn} sobre datos abiertos`,
          body: 'Una pregunta que merece respuesta.',
          kind: 'discussion',
          tags: [],
        });
        tally('thread', res);
        if (res.answered && res.status === 201) {
          const { thread } = res.body as { thread: { id: string } };
          acks.push({ kind: 'thread', id: thread.id, at: Date.now() });
          threads.push(thread.id);
        }
      } else if (choice === 1) {
        const threadId = threads[Math.floor(Math.random() * threads.length)];
        const res = await me.client.request('POST', `/api/v1/threads/${threadId}/posts`, {
          body: `Respuesta ${index}-${turn}.`,
        });
        tally('post', res);
        if (res.answered && res.status === 201) {
          acks.push({ kind: 'post', id: (res.body as { post: { id: string } }).post.id, at: Date.now() });
        }
      } else if (choice === 2) {
        const res = await me.client.request(
          'POST',
          `/api/v1/conversations/${conversations[index]}/messages`,
          {
            body: `Mensaje ${index}-${turn}`,
            clientId: randomUUID(),
          },
        );
        if (res.answered && res.status === 201) {
          const { message } = res.body as { message: { id: string } };
          acks.push({ kind: 'message', id: message.id, at: Date.now() });
        }
      } else if (index === 0) {
        await register(app.url, acks);
      }
    }
  };
  const writing = Promise.all(writers.map((_, index) => write(index)));
  // Every kind of write acknowledged at least twice before the backup starts, however slow the machine.
  const deadline = Date.now() + 30_000;
  const kinds: Kind[] = ['member', 'thread', 'post', 'message'];
  while (Date.now() < deadline && kinds.some((kind) => acks.filter((ack) => ack.kind === kind).length < 3)) {
    await sleep(100);
  }
  await sleep(LEAD_MS);
  const startedAt = Date.now();
  let endedAt = startedAt;
  try {
    await backup();
    endedAt = Date.now();
    await sleep(TRAIL_MS);
  } finally {
    stop = true;
    await writing;
  }
  const during = acks.filter((ack) => ack.at > startedAt && ack.at < endedAt).length;
  const before = acks.filter((ack) => ack.at <= startedAt).length;
  console.log(
    `      ${acks.length} writes acknowledged: ${before} before the backup began, ${during} while it ran` +
      ` (${((endedAt - startedAt) / 1000).toFixed(1)} s)${refused.size ? `; not acknowledged: ${JSON.stringify([...refused])}` : ''}`,
  );
  return { acks, startedAt, endedAt };
}

/** Checks a restored database: every write acknowledged before `startedAt` is there, whole. */
async function expectRestored(pool: pg.Pool, acks: Ack[], startedAt: number): Promise<void> {
  const before = acks.filter((ack) => ack.at <= startedAt);
  const tables: Record<Kind, string> = {
    member: 'members',
    thread: 'threads',
    post: 'posts',
    message: 'messages',
  };
  for (const kind of Object.keys(tables) as Kind[]) {
    const ids = before.filter((ack) => ack.kind === kind).map((ack) => ack.id);
    expect(ids.length, `${kind}s acknowledged before the backup`).to.be.greaterThan(0);
    const { rows } = await pool.query<{ id: string }>(
      `select id from ${tables[kind]} where id = any($1::uuid[])`,
      [ids],
    );
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.filter((id) => !found.has(id));
    expect(missing, `${kind}s acknowledged before the backup and missing from it`).to.deep.equal([]);
  }
  // Nothing half-written: each thread with its opening post and every post its counter counted, each
  // conversation's counter at its last message with no gap, each member with a profile.
  const threads = await pool.query(
    `select t.id from threads t
      where t.post_count <> (select count(*) from posts p where p.thread_id = t.id)
         or not exists (select 1 from posts p where p.thread_id = t.id and p.seq = 1)`,
  );
  expect(threads.rows, 'threads whose posts and counters disagree').to.deep.equal([]);
  const conversations = await pool.query(
    `select c.id from conversations c
      where c.last_seq <> coalesce((select max(seq) from messages m where m.conversation_id = c.id), 0)
         or c.last_seq <> (select count(*) from messages m where m.conversation_id = c.id)`,
  );
  expect(conversations.rows, 'conversations whose messages and counter disagree').to.deep.equal([]);
  const members = await pool.query(
    `select m.id from members m where not exists (select 1 from profiles p where p.member_id = m.id)`,
  );
  expect(members.rows, 'members without a profile').to.deep.equal([]);
}

/** Runs one of the project's command-line tools as `npm run …` does; resolves with its exit and output. */
function cli(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('backups taken while members write', () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });
  const temporaryDir = async (label: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `agora-${label}-`));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };

  it('npm run backup of the running embedded database restores everything acknowledged before it', async function () {
    this.timeout(120_000);
    const work = await temporaryDir('backup');
    const dataDir = path.join(work, 'data');
    const file = path.join(work, 'agora.tar.gz');
    // What the commands refuse, checked while the server starts: a file that is not a backup, a server.
    const refusals = Promise.all([
      cli('server/db/restore.cli.ts', ['package.json'], { DATA_DIR: path.join(work, 'new') }),
      cli('server/db/backup.cli.ts', [], {
        NODE_ENV: 'test',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      }),
    ]);
    const app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: '' });
    let stopped = false;
    cleanup.push(async () => {
      if (!stopped) await app.stop();
    });
    // A second process never opens the files the server holds.
    let second: unknown;
    await startEmbeddedDatabase(dataDir).then(
      (opened) => opened.stop(),
      (error: unknown) => (second = error),
    );
    expect(second).to.be.instanceOf(DataDirInUseError);

    const { acks, startedAt, endedAt } = await writeThrough(app, async () => {
      const made = await cli('server/db/backup.cli.ts', [file], { DATA_DIR: dataDir });
      expect(made.status, made.stderr).to.equal(0);
      expect(made.stdout).to.include('from the running server');
    });
    await app.stop();
    stopped = true;
    // The backup was taken while writes were being acknowledged, not in a pause.
    expect(acks.filter((ack) => ack.at > startedAt && ack.at < endedAt).length).to.be.greaterThan(0);

    const fresh = path.join(work, 'restored');
    const [restored, offline] = await Promise.all([
      cli('server/db/restore.cli.ts', [file], { DATA_DIR: fresh }),
      // With the server stopped, the command opens the files itself.
      cli('server/db/backup.cli.ts', [path.join(work, 'stopped.tar.gz')], { DATA_DIR: dataDir }),
    ]);
    expect(restored.status, restored.stderr).to.equal(0);
    expect(restored.stdout).to.match(/Restored .* \d+ members, \d+ threads, \d+ posts, \d+ messages/);
    expect(offline.status, offline.stderr).to.equal(0);
    expect(offline.stdout).to.include('with the server stopped');

    const [notBackup, onServer] = await refusals;
    expect(notBackup.status).to.equal(1);
    expect(notBackup.stderr).to.include('package.json is not an Ágora backup');
    expect(existsSync(path.join(work, 'new', 'pglite'))).to.equal(false);
    expect(onServer.status).to.equal(2);
    expect(onServer.stderr).to.include('pg_dump -Fc');

    const contents = await readdir(fresh);
    const [overwrite] = await Promise.all([
      cli('server/db/restore.cli.ts', [file], { DATA_DIR: fresh }),
      (async () => {
        const embedded = await startEmbeddedDatabase(fresh);
        const pool = new pg.Pool({ connectionString: embedded.connectionString, max: 1 });
        try {
          await expectRestored(pool, acks, startedAt);
        } finally {
          await pool.end();
          await embedded.stop();
        }
      })(),
    ]);
    expect(overwrite.status).to.equal(1);
    expect(overwrite.stderr).to.include('is not empty');
    expect(await readdir(fresh)).to.deep.equal(contents);

    // The restored DATA_DIR starts as a server that serves what members wrote.
    const again = await startApp({ DATA_DIR: fresh, DATABASE_URL: '' });
    try {
      const thread = acks.find((ack) => ack.kind === 'thread' && ack.at <= startedAt);
      const page = await new LedgerClient(again.url, '203.0.113.250').request(
        'GET',
        `/api/v1/threads/${thread?.id}`,
      );
      expect(page.answered && page.status).to.equal(200);
    } finally {
      await again.stop();
    }
  });

  const onServer = process.env.DATABASE_URL && existsSync(path.join(PG_BIN, 'pg_dump')) ? it : it.skip;
  onServer(
    'pg_dump -Fc during writes and pg_restore into a new database keep everything acknowledged',
    async function () {
      this.timeout(120_000);
      const serverUrl = process.env.DATABASE_URL ?? '';
      const work = await temporaryDir('pgdump');
      const file = path.join(work, 'agora.dump');
      const source: ScratchDatabase = await createScratchDatabase(serverUrl, 'backup');
      cleanup.push(() => source.drop());
      const app = await startApp({ DATA_DIR: work, DATABASE_URL: source.url });
      let stopped = false;
      cleanup.push(async () => {
        if (!stopped) await app.stop();
      });

      const { acks, startedAt } = await writeThrough(app, async () => {
        await run(path.join(PG_BIN, 'pg_dump'), ['-Fc', '-f', file, '-d', source.url]);
      });
      await app.stop();
      stopped = true;

      const target = await createScratchDatabase(serverUrl, 'restore');
      cleanup.push(() => target.drop());
      await run(path.join(PG_BIN, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', target.url, file]);
      const pool = new pg.Pool({ connectionString: target.url, max: 2 });
      try {
        await expectRestored(pool, acks, startedAt);
      } finally {
        await pool.end();
      }
    },
  );
});
