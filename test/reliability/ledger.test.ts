import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { createDatabase } from '@server/db/pool';
import { createCategoryService } from '@server/forum/category.service';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { LedgerClient, type Outcome } from './client';
import {
  checkLedger,
  formatReport,
  notificationBaseline,
  type LedgerEntry,
  type LedgerReport,
  type LedgerSetup,
  type WriteOutcome,
} from './ledger';
import { freePort, ServerProcess } from './server-process';

/** How many times the server is killed with SIGKILL during the run (CI: 3; by hand: 20). */
const CRASHES = Number(process.env.LEDGER_CRASHES ?? 3);
/** Concurrent writers, each a member of its own; an even number (they write in pairs of conversations). */
const WRITERS = Number(process.env.LEDGER_WRITERS ?? 20);
/** Followers who take no part in the burst; half of them want each reply by e-mail. */
const QUIET_FOLLOWERS = 4;
/** How long the server runs between two kills (a random time in this range). */
const UP_MS: [number, number] = [2500, 5000];
/** Writers keep to the real posting and messaging limits (one post per 10 s, five messages per 5 s). */
const REPLY_EVERY_MS = 10_500;
const MESSAGE_EVERY_MS = 1_100;
/** A writer whose request got no answer waits this long before its next request. */
const BACKOFF_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([low, high]: [number, number]) => low + Math.floor(Math.random() * (high - low));

interface Member {
  id: string;
  client: LedgerClient;
}

function outcomeOf(res: Outcome & { answered: true }): WriteOutcome {
  if (res.status >= 200 && res.status < 300) return 'acknowledged';
  if (res.status >= 400 && res.status < 500) return 'refused';
  return 'failed';
}

const describeWithServer = process.env.DATABASE_URL ? describe : describe.skip;

describeWithServer('acknowledged writes and server crashes (kill -9), against PostgreSQL', () => {
  let scratch: ScratchDatabase | undefined;
  let dataDir: string | undefined;
  let pool: pg.Pool | undefined;
  let server: ServerProcess | undefined;
  let run: { setup: LedgerSetup; entries: LedgerEntry[]; report: LedgerReport } | undefined;

  before(async function () {
    this.timeout(120_000 + CRASHES * 45_000);
    const startedAt = Date.now();
    const database = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'ledger');
    scratch = database;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-ledger-'));
    const db = new pg.Pool({ connectionString: database.url, max: 2 });
    pool = db;
    const child = new ServerProcess(await freePort(), {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      // The safeguards' review of new members' first posts would hold the replies; it is not under test.
      NEW_MEMBER_REVIEW_POSTS: '0',
      REDIS_URL: '',
      SMTP_URL: '',
      LOG_LEVEL: process.env.LEDGER_LOG_LEVEL ?? 'warn',
    });
    server = child;
    await child.start();

    // Members: the writers, the thread's author and a few quiet followers, registered through the API.
    let address = 0;
    const register = async (name: string): Promise<Member> => {
      address += 1;
      const client = new LedgerClient(child.url, `203.0.${Math.floor(address / 250)}.${(address % 250) + 1}`);
      const body = (await client.expect(
        'POST',
        '/api/v1/auth/register',
        {
          email: `${name}-${randomBytes(4).toString('hex')}@example.org`,
          password: 'un libro mayor que no miente',
          displayName: name,
        },
        [201],
      )) as { user: { id: string } };
      await client.session();
      return { id: body.user.id, client };
    };
    const everyone: Member[] = [];
    const names = [
      'autora',
      ...Array.from({ length: QUIET_FOLLOWERS }, (_, i) => `seguidora-${i}`),
      ...Array.from({ length: WRITERS }, (_, i) => `escritor-${i}`),
    ];
    for (let i = 0; i < names.length; i += 4) {
      everyone.push(...(await Promise.all(names.slice(i, i + 4).map(register))));
    }
    const [author, ...rest] = everyone as [Member, ...Member[]];
    const quiet = rest.slice(0, QUIET_FOLLOWERS);
    const writers = rest.slice(QUIET_FOLLOWERS);
    // Established accounts (older than a day) post and write under the ordinary limits.
    await db.query(`update members set created_at = now() - interval '2 days' where id = any($1::uuid[])`, [
      everyone.map((m) => m.id),
    ]);

    const slug = `ledger-${randomBytes(4).toString('hex')}`;
    const categoryId = await createCategoryService(createDatabase(db)).create({
      slug,
      position: 100,
      defaultLocale: 'es',
      readAccess: 'public',
      translations: [
        { locale: 'es', name: `Libro ${slug}`, description: 'Escrituras reconocidas' },
        { locale: 'pt', name: `Livro ${slug}`, description: 'Escritas reconhecidas' },
        { locale: 'en', name: `Ledger ${slug}`, description: 'Acknowledged writes' },
        { locale: 'fr', name: `Registre ${slug}`, description: 'Écritures reconnues' },
      ],
    });
    const created = (await author.client.expect(
      'POST',
      '/api/v1/threads',
      { categoryId, title: 'Un hilo que sobrevive', body: 'Respondan aquí.', kind: 'discussion', tags: [] },
      [201],
    )) as { thread: { id: string } };
    const threadId = created.thread.id;
    for (const member of [...quiet, ...writers]) {
      await member.client.expect('PUT', `/api/v1/threads/${threadId}/follow`, undefined, [200]);
    }
    const emailFollowers = quiet.slice(0, Math.ceil(QUIET_FOLLOWERS / 2));
    for (const member of emailFollowers) {
      await member.client.expect(
        'PUT',
        '/api/v1/notifications/preferences',
        { kinds: { reply_in_followed: 'email' } },
        [200],
      );
    }

    // Writers 2k and 2k+1 share a direct conversation.
    const conversationOf: string[] = [];
    const conversations: LedgerSetup['conversations'] = [];
    for (let k = 0; k + 1 < writers.length; k += 2) {
      const [a, b] = [writers[k]!, writers[k + 1]!];
      const started = (await a.client.expect(
        'POST',
        '/api/v1/conversations',
        { memberIds: [b.id], body: 'Hola', clientId: randomUUID() },
        [201],
      )) as { conversation: { id: string } };
      const id = started.conversation.id;
      await b.client.expect('POST', `/api/v1/conversations/${id}/accept`, undefined, [200]);
      conversations.push({ id, memberIds: [a.id, b.id] });
      conversationOf[k] = id;
      conversationOf[k + 1] = id;
    }

    const marker = `ledger-${randomBytes(4).toString('hex')}`;
    const base = {
      threadId,
      followerIds: [author, ...quiet, ...writers].map((m) => m.id),
      emailFollowerIds: emailFollowers.map((m) => m.id),
      conversations,
      marker,
    };
    const setup: LedgerSetup = { ...base, notificationBaseline: await notificationBaseline(db, base) };
    const setupSeconds = (Date.now() - startedAt) / 1000;

    // The burst: every writer replies and sends messages until told to stop; the server is killed
    // under them and started again.
    const entries: LedgerEntry[] = [];
    const refusals = new Map<string, number>();
    const noAnswers = new Map<string, number>();
    const noAnswer = (kind: LedgerEntry['kind'], res: Outcome) => {
      if (res.answered) return;
      const key = `${kind} ${res.error}`;
      noAnswers.set(key, (noAnswers.get(key) ?? 0) + 1);
    };
    let stopping = false;
    const record = (entry: LedgerEntry, res: Outcome) => {
      if (res.answered) {
        entry.outcome = outcomeOf(res);
        entry.status = res.status;
        if (entry.outcome !== 'acknowledged') {
          const code =
            (res.body as { error?: { code?: string } } | undefined)?.error?.code ?? String(res.status);
          refusals.set(code, (refusals.get(code) ?? 0) + 1);
        }
      }
      entries.push(entry);
    };

    const writer = async (index: number) => {
      const me = writers[index]!;
      const conversationId = conversationOf[index]!;
      let n = 0;
      // Spread the writers' replies over the interval.
      let lastReply = Date.now() - REPLY_EVERY_MS + Math.floor((index / writers.length) * REPLY_EVERY_MS);
      let lastMessage = 0;
      while (!stopping) {
        const now = Date.now();
        n += 1;
        if (now - lastReply >= REPLY_EVERY_MS) {
          lastReply = now;
          const entry: LedgerEntry = {
            kind: 'reply',
            client: index,
            body: `${marker} reply ${index}.${n}`,
            outcome: 'unknown',
            attempts: 1,
            uncertain: false,
            neverReached: false,
            cut: false,
            authorId: me.id,
          };
          // A reply has no idempotency key: after no answer it is never sent again.
          const sentAt = Date.now();
          const res = await me.client.request('POST', `/api/v1/threads/${threadId}/posts`, {
            body: entry.body,
          });
          entry.ms = Date.now() - sentAt;
          noAnswer('reply', res);
          if (res.answered) {
            entry.id = (res.body as { post?: { id: string } } | undefined)?.post?.id;
          } else {
            entry.neverReached = res.connectionRefused;
            entry.cut = !res.connectionRefused;
          }
          record(entry, res);
          if (!res.answered) await sleep(BACKOFF_MS);
        } else if (now - lastMessage >= MESSAGE_EVERY_MS) {
          lastMessage = now;
          const entry: LedgerEntry = {
            kind: 'message',
            client: index,
            body: `${marker} message ${index}.${n}`,
            outcome: 'unknown',
            attempts: 0,
            uncertain: false,
            neverReached: true,
            cut: false,
            authorId: me.id,
            conversationId,
            clientId: randomUUID(),
          };
          // A message is retried with the same clientId until it is answered (or the run ends).
          const giveUpAt = Date.now() + 60_000;
          let res: Outcome;
          for (;;) {
            entry.attempts += 1;
            const sentAt = Date.now();
            res = await me.client.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
              body: entry.body,
              clientId: entry.clientId,
            });
            entry.ms = Date.now() - sentAt;
            if (res.answered) break;
            noAnswer('message', res);
            entry.uncertain = true;
            entry.neverReached &&= res.connectionRefused;
            entry.cut ||= !res.connectionRefused;
            if (Date.now() > giveUpAt) break;
            await sleep(BACKOFF_MS);
          }
          if (res.answered) {
            entry.neverReached = false;
            const message = (res.body as { message?: { id: string; seq: number } } | undefined)?.message;
            entry.id = message?.id;
            entry.seq = message?.seq;
          }
          record(entry, res);
        } else {
          await sleep(Math.min(REPLY_EVERY_MS - (now - lastReply), MESSAGE_EVERY_MS - (now - lastMessage)));
        }
      }
    };

    const burstStartedAt = Date.now();
    const running = writers.map((_, index) => writer(index));
    let crashes = 0;
    const restartMs: number[] = [];
    for (let c = 1; c <= CRASHES; c += 1) {
      await sleep(between(UP_MS));
      await child.kill9();
      crashes += 1;
      const down = Date.now();
      await child.start();
      restartMs.push(Date.now() - down);
    }
    await sleep(3000);
    stopping = true;
    await Promise.all(running);
    const burstSeconds = (Date.now() - burstStartedAt) / 1000;

    const report = await checkLedger(db, setup, entries, crashes);
    const refusedBy = [...refusals].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    const unanswered = [...noAnswers].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    const restarts = restartMs.length
      ? `restart to ready: ${(Math.min(...restartMs) / 1000).toFixed(1)}–${(Math.max(...restartMs) / 1000).toFixed(1)} s`
      : 'no restart';
    process.stdout.write(
      `\n${formatReport(report, (Date.now() - startedAt) / 1000)}\n` +
        `answered but not acknowledged (by error code): ${refusedBy}\nattempts without an answer: ${unanswered}\nset-up ${setupSeconds.toFixed(1)} s, burst ${burstSeconds.toFixed(1)} s, ${restarts}\n\n`,
    );

    run = { setup, entries, report };
  });

  after(async function () {
    this.timeout(60_000);
    await server?.stop();
    await pool?.end();
    await scratch?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged reply and message, once and in order, with its notifications, across ${CRASHES} crashes`, () => {
    const { report } = run!;
    expect(report.crashes).to.equal(CRASHES);
    expect(report.acknowledged, 'nothing was acknowledged').to.be.greaterThan(0);
    expect(report.replies.acknowledged, 'no reply was acknowledged').to.be.greaterThan(0);
    expect(report.problems, report.problems.join('\n')).to.deep.equal([]);
    // The server answers a write it cannot take with a 4xx, never a 5xx, crashes or not.
    expect(report.failed, 'writes answered 5xx').to.equal(0);
    expect({
      lost: report.lost,
      duplicated: report.duplicated,
      outOfOrder: report.outOfOrder,
      missingSideEffects: report.missingSideEffects,
      refusedButWritten: report.refusedButWritten,
    }).to.deep.equal({ lost: 0, duplicated: 0, outOfOrder: 0, missingSideEffects: 0, refusedButWritten: 0 });
  });

  it('would see a lost, a duplicated and a misordered write (the checker checked)', async () => {
    const { setup, entries } = run!;
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
