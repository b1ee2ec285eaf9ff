import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { startEmbeddedDatabase } from '@server/db/embedded';
import { runMigrations } from '@server/db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { checkLedger, formatReport, type LedgerEntry, type LedgerReport } from './ledger';
import { between, LedgerRun, MESSAGE_EVERY_MS, sleep, UP_MS, type UseDatabase } from './ledger-run';
import { postgresBinaries, PostgresInstance } from './postgres-instance';
import { freePort, ServerProcess } from './server-process';

/** How many times the server is killed with SIGKILL during the run on PostgreSQL (CI: 3; by hand: 20). */
const CRASHES = Number(process.env.LEDGER_CRASHES ?? 3);
/** How many times the dedicated PostgreSQL server is crashed during the run (CI: 1; by hand: 10). */
const DB_OUTAGES = Number(process.env.LEDGER_DB_OUTAGES ?? 1);
/** How many times the server on the embedded database is killed with SIGKILL (CI: 2; by hand: 20). */
const EMBEDDED_CRASHES = Number(process.env.LEDGER_EMBEDDED_CRASHES ?? 2);
/**
 * Concurrent writers on the embedded database (an even number), each sending a message every 2.2 s:
 * it runs one statement at a time (a message costs about 0.2 s of it on a loaded machine), so the
 * burst is smaller than on a server, or each write would wait seconds behind the others.
 */
const EMBEDDED_WRITERS = Number(process.env.LEDGER_EMBEDDED_WRITERS ?? 4);
const EMBEDDED_MESSAGE_EVERY_MS = 2 * MESSAGE_EVERY_MS;
/** How long the embedded server runs between two kills: longer, as it answers more slowly. */
const EMBEDDED_UP_MS: [number, number] = [5000, 8000];
/** How long the database stays away at each outage. */
const OUTAGE_MS: [number, number] = [3000, 5000];
/** The app must accept writes again within this long of the database's return. */
const RECONNECT_BUDGET_MS = 5000;

/** The server's environment apart from its database: production, no demo, no Redis, no SMTP. */
function serverEnv(database: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
    // The safeguards' review of new members' first posts would hold the replies; it is not under test.
    NEW_MEMBER_REVIEW_POSTS: '0',
    REDIS_URL: '',
    SMTP_URL: '',
    LOG_LEVEL: process.env.LEDGER_LOG_LEVEL ?? 'warn',
    ...database,
  };
}

/** Prints the run's report and what else is worth knowing about it. */
function print(run: LedgerRun, report: LedgerReport, startedAt: number, survived: string, extra = ''): void {
  process.stdout.write(
    `\n${formatReport(report, (Date.now() - startedAt) / 1000, survived)}\n${run.summary()}${extra}\n\n`,
  );
}

/** The verdict every variant must reach. */
function expectNothingLost(report: LedgerReport, disruptions: number): void {
  expect(report.crashes).to.equal(disruptions);
  expect(report.acknowledged, 'nothing was acknowledged').to.be.greaterThan(0);
  expect(report.replies.acknowledged, 'no reply was acknowledged').to.be.greaterThan(0);
  expect(report.problems, report.problems.join('\n')).to.deep.equal([]);
  // The server answers a write it cannot take with a 4xx, or a 503 while its database is away; never another 5xx.
  expect(report.failed, 'writes answered 5xx other than 503').to.equal(0);
  expect({
    lost: report.lost,
    duplicated: report.duplicated,
    outOfOrder: report.outOfOrder,
    missingSideEffects: report.missingSideEffects,
    refusedButWritten: report.refusedButWritten,
  }).to.deep.equal({ lost: 0, duplicated: 0, outOfOrder: 0, missingSideEffects: 0, refusedButWritten: 0 });
}

const range = (ms: number[]) =>
  ms.length ? `${(Math.min(...ms) / 1000).toFixed(1)}–${(Math.max(...ms) / 1000).toFixed(1)} s` : 'none';

const describeWithServer = process.env.DATABASE_URL ? describe : describe.skip;

describeWithServer('acknowledged writes and server crashes (kill -9), against PostgreSQL', () => {
  let scratch: ScratchDatabase | undefined;
  let dataDir: string | undefined;
  let pool: pg.Pool | undefined;
  let server: ServerProcess | undefined;
  let result: { run: LedgerRun; entries: LedgerEntry[]; report: LedgerReport } | undefined;

  before(async function () {
    this.timeout(120_000 + CRASHES * 45_000);
    const startedAt = Date.now();
    scratch = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'ledger');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-ledger-'));
    const db = new pg.Pool({ connectionString: scratch.url, max: 2 });
    pool = db;
    const child = new ServerProcess(
      await freePort(),
      serverEnv({ DATABASE_URL: scratch.url, DATA_DIR: dataDir }),
    );
    server = child;
    await child.start();
    const run = new LedgerRun(child, (work) => work(db));
    await run.prepare();

    // The server is killed under the writers and started again on the same port and database.
    let crashes = 0;
    const restartMs: number[] = [];
    await run.burst(async () => {
      for (let c = 1; c <= CRASHES; c += 1) {
        await sleep(between(UP_MS));
        await child.kill9();
        crashes += 1;
        const down = Date.now();
        await child.start();
        restartMs.push(Date.now() - down);
      }
    });

    const report = await checkLedger(db, run.setup!, run.entries, crashes);
    print(
      run,
      report,
      startedAt,
      'crashes survived (kill -9 and restart)',
      `, restart to ready: ${range(restartMs)}`,
    );
    result = { run, entries: run.entries, report };
  });

  after(async function () {
    this.timeout(60_000);
    await server?.stop();
    await pool?.end();
    await scratch?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged reply and message, once and in order, with its notifications, across ${CRASHES} crashes`, () => {
    expectNothingLost(result!.report, CRASHES);
  });

  it('would see a lost, a duplicated and a misordered write (the checker checked)', async () => {
    const { run, entries } = result!;
    const setup = run.setup!;
    const db = pool!;
    const acknowledged = (kind: LedgerEntry['kind']) =>
      entries.filter((e) => e.kind === kind && e.outcome === 'acknowledged');
    const reply = acknowledged('reply')[0]!;
    const [first, second] = acknowledged('message').filter(
      (e) => e.authorId === acknowledged('message')[0]!.authorId,
    );
    expect(second, 'a sender with two acknowledged messages').to.not.equal(undefined);
    // A reply stored twice (as a retried, non-idempotent send would leave it), with no notification.
    await db.query(
      `insert into posts (thread_id, author_id, parent_id, seq, path, body_source, body_html)
       select p.thread_id, p.author_id, p.parent_id, m.next, array_append(p.path[1:array_length(p.path, 1) - 1], m.next),
              p.body_source, p.body_html
         from posts p, (select max(seq) + 1 as next from posts where thread_id = $2) m
        where p.id = $1`,
      [reply.id, setup.threadId],
    );
    const lost: LedgerEntry = { ...reply, body: `${setup.marker} reply never stored`, id: randomUUID() };
    const swapped = entries.map((e) => (e === first ? second! : e === second ? first! : e));
    const report = await checkLedger(db, setup, [...swapped, lost], CRASHES);
    expect(report.lost).to.equal(1);
    expect(report.duplicated).to.equal(1);
    expect(report.outOfOrder).to.be.at.least(1);
    expect(report.missingSideEffects).to.be.greaterThan(0);
  });
});

/** What the app answered while its database was away, and how soon it wrote again once it was back. */
interface Outage {
  awayMs: number;
  /** A message sent during the outage, in Portuguese. */
  write: {
    status: number | undefined;
    code: string | undefined;
    message: string | undefined;
    retryAfter: string | null;
  };
  readyz: { status: number | undefined; body: unknown };
  /** From the database's return (accepting connections) to `/readyz` answering 200. */
  readyMs: number | undefined;
  /** From the database's return to the first acknowledged write answered after it. */
  writeMs: number | undefined;
}

/**
 * Crashes the database under the running app, checks what the app answers while it is away, starts it
 * again and measures how soon the app is ready and writes again.
 */
async function crashDatabase(
  database: PostgresInstance,
  app: ServerProcess,
  run: LedgerRun,
): Promise<Outage> {
  const probe = run.probe!;
  await database.crash();
  const downAt = Date.now();
  // While it is away: a write is answered 503 in the member's language, and /readyz says so.
  await sleep(300);
  const write = await probe.client.request(
    'POST',
    `/api/v1/conversations/${probe.conversationId}/messages`,
    { body: 'Alguém aí?', clientId: randomUUID() },
    15_000,
    { 'Accept-Language': 'pt-BR,pt;q=0.9' },
  );
  const error = write.answered
    ? (write.body as { error?: { code?: string; message?: string } } | undefined)?.error
    : undefined;
  let readyz: Outage['readyz'];
  try {
    const res = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(15_000) });
    readyz = { status: res.status, body: await res.json() };
  } catch (e) {
    readyz = { status: undefined, body: String(e) };
  }
  await sleep(Math.max(0, between(OUTAGE_MS) - (Date.now() - downAt)));
  await database.start();
  const backAt = Date.now();
  let readyMs: number | undefined;
  let writeMs: number | undefined;
  while (Date.now() - backAt < 30_000 && (readyMs === undefined || writeMs === undefined)) {
    if (readyMs === undefined) {
      const res = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(
        () => undefined,
      );
      await res?.arrayBuffer();
      if (res?.status === 200) readyMs = Date.now() - backAt;
    }
    const acknowledgedAt = run.firstAcknowledgedAfter(backAt);
    if (acknowledgedAt !== undefined) writeMs = acknowledgedAt - backAt;
    await sleep(50);
  }
  return {
    awayMs: backAt - downAt,
    write: {
      status: write.answered ? write.status : undefined,
      code: error?.code,
      message: error?.message,
      retryAfter: write.answered ? write.retryAfter : null,
    },
    readyz,
    readyMs,
    writeMs,
  };
}

const bin = postgresBinaries();
const describeWithBinaries = bin ? describe : describe.skip;
if (!bin)
  process.stdout.write(
    'No PostgreSQL server binaries (/usr/lib/postgresql/*/bin): the outage ledger is skipped.\n',
  );

describeWithBinaries(
  'acknowledged writes and database crashes (pg_ctl stop -m immediate), on a dedicated PostgreSQL',
  () => {
    let instance: PostgresInstance | undefined;
    let dataDir: string | undefined;
    let pool: pg.Pool | undefined;
    let server: ServerProcess | undefined;
    let result:
      { report: LedgerReport; outages: Outage[]; serverStarts: number; serverRunning: boolean } | undefined;
    const portuguese = JSON.parse(readFileSync(path.join('locales', 'pt', 'errors.json'), 'utf8')) as Record<
      string,
      unknown
    >;

    before(async function () {
      this.timeout(150_000 + DB_OUTAGES * 45_000);
      const startedAt = Date.now();
      const database = await PostgresInstance.create(bin!);
      instance = database;
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-ledger-'));
      const db = new pg.Pool({ connectionString: database.url, max: 2 });
      // The test's own connections die with the database too; the next query opens new ones.
      db.on('error', () => {});
      pool = db;
      const child = new ServerProcess(
        await freePort(),
        serverEnv({ DATABASE_URL: database.url, DATA_DIR: dataDir }),
      );
      server = child;
      await child.start();
      const run = new LedgerRun(child, (work) => work(db));
      await run.prepare();

      const outages: Outage[] = [];
      await run.burst(async () => {
        for (let o = 1; o <= DB_OUTAGES; o += 1) {
          await sleep(between(UP_MS));
          outages.push(await crashDatabase(database, child, run));
        }
      });

      const report = await checkLedger(db, run.setup!, run.entries, outages.length);
      const seconds = (values: (number | undefined)[]) =>
        values.map((v) => (v === undefined ? 'never' : `${(v / 1000).toFixed(2)} s`)).join(', ');
      const answers = outages.map((o) => `${o.write.status} ${o.write.code}`).join(', ');
      const probes = outages.map((o) => `${o.readyz.status} ${JSON.stringify(o.readyz.body)}`).join(', ');
      const extra = [
        `database away (crash to accepting connections again): ${seconds(outages.map((o) => o.awayMs))}`,
        `after its return, /readyz 200 in ${seconds(outages.map((o) => o.readyMs))}`,
        `after its return, first write acknowledged in ${seconds(outages.map((o) => o.writeMs))}`,
        `during the outages: writes answered ${answers}; /readyz ${probes}`,
      ];
      print(
        run,
        report,
        startedAt,
        'database outages survived (pg_ctl stop -m immediate, then start)',
        `\n${extra.join('\n')}`,
      );
      if (!child.running)
        process.stdout.write(`the app exited; its last lines:\n${child.lastLines.join('\n')}\n`);
      result = { report, outages, serverStarts: child.starts, serverRunning: child.running };
    });

    after(async function () {
      this.timeout(60_000);
      await server?.stop();
      await pool?.end();
      await instance?.destroy();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it(`keeps every acknowledged reply and message, once and in order, with its notifications, across ${DB_OUTAGES} database crashes`, () => {
      expectNothingLost(result!.report, DB_OUTAGES);
      expect(result!.serverStarts, 'the app was started again').to.equal(1);
      expect(result!.serverRunning, 'the app exited').to.equal(true);
    });

    it('answers 503 with a localized message, and /readyz says so, while the database is away', () => {
      for (const outage of result!.outages) {
        expect(outage.write.status, JSON.stringify(outage.write)).to.equal(503);
        expect(outage.write.code).to.equal('service_unavailable');
        expect(outage.write.message).to.equal(portuguese.service_unavailable);
        expect(outage.write.retryAfter, 'Retry-After').to.match(/^\d+$/);
        expect(outage.readyz).to.deep.equal({ status: 503, body: { status: 'unavailable' } });
      }
    });

    it(`reconnects by itself and accepts writes within ${RECONNECT_BUDGET_MS / 1000} s of the database's return`, () => {
      for (const outage of result!.outages) {
        expect(outage.readyMs, '/readyz never answered 200 again').to.not.equal(undefined);
        expect(outage.writeMs, 'no write was acknowledged again').to.not.equal(undefined);
        expect(outage.writeMs!).to.be.at.most(RECONNECT_BUDGET_MS);
        expect(outage.readyMs!).to.be.at.most(RECONNECT_BUDGET_MS);
      }
    });
  },
);

describe('acknowledged writes and crashes (kill -9) of the server on the embedded database', () => {
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  let result: { report: LedgerReport } | undefined;

  before(async function () {
    this.timeout(180_000 + EMBEDDED_CRASHES * 45_000);
    const startedAt = Date.now();
    const directory = await mkdtemp(path.join(os.tmpdir(), 'agora-ledger-embedded-'));
    dataDir = directory;
    // No DATABASE_URL: the server opens PGlite under DATA_DIR, as `npm start` does by default.
    const child = new ServerProcess(await freePort(), serverEnv({ DATABASE_URL: '', DATA_DIR: directory }));
    server = child;
    // The embedded database is one process's at a time: the test opens it only while the server is
    // stopped (migrated first, as the server does, on a new data directory).
    const useDatabase: UseDatabase = async (work) => {
      const wasRunning = child.running;
      await child.stop();
      const embedded = await startEmbeddedDatabase(directory);
      const db = new pg.Pool({ connectionString: embedded.connectionString, max: 1 });
      try {
        await runMigrations(db);
        return await work(db);
      } finally {
        await db.end();
        await embedded.stop();
        if (wasRunning) await child.start();
      }
    };
    const run = new LedgerRun(child, useDatabase, EMBEDDED_WRITERS, EMBEDDED_MESSAGE_EVERY_MS);
    await run.prepare();

    let crashes = 0;
    const restartMs: number[] = [];
    await run.burst(async () => {
      for (let c = 1; c <= EMBEDDED_CRASHES; c += 1) {
        await sleep(between(EMBEDDED_UP_MS));
        await child.kill9();
        crashes += 1;
        const down = Date.now();
        await child.start();
        restartMs.push(Date.now() - down);
      }
    });
    // The last stop is a kill too: the checker reads what a restart would find.
    await child.kill9();
    const report = await useDatabase((db) => checkLedger(db, run.setup!, run.entries, crashes));
    print(
      run,
      report,
      startedAt,
      'crashes survived (kill -9 and restart)',
      `, restart to ready: ${range(restartMs)}`,
    );
    result = { report };
  });

  after(async function () {
    this.timeout(60_000);
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged reply and message, once and in order, with its notifications, across ${EMBEDDED_CRASHES} crashes`, () => {
    expectNothingLost(result!.report, EMBEDDED_CRASHES);
  });
});
