import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createDatabase } from '@server/db/pool';
import { createCategoryService } from '@server/forum/category.service';
import { LedgerClient, type Outcome } from './client';
import { notificationBaseline, type LedgerEntry, type LedgerSetup, type WriteOutcome } from './ledger';
import type { ServerProcess } from './server-process';

/** Concurrent writers, each a member of its own; an even number (they write in pairs of conversations). */
export const WRITERS = Number(process.env.LEDGER_WRITERS ?? 20);
/** Followers who take no part in the burst; half of them want each reply by e-mail. */
const QUIET_FOLLOWERS = 4;
/** How long the server (or its database) runs between two disruptions (a random time in this range). */
export const UP_MS: [number, number] = [2500, 5000];
/** Writers keep to the real posting and messaging limits (one post per 10 s, five messages per 5 s). */
const REPLY_EVERY_MS = 10_500;
export const MESSAGE_EVERY_MS = 1_100;
/** A writer whose request got no answer waits this long before its next request. */
const BACKOFF_MS = 250;
/** A writer answered 503 (the database away) waits this long before sending the message again. */
const UNAVAILABLE_BACKOFF_MS = 500;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const between = ([low, high]: [number, number]) => low + Math.floor(Math.random() * (high - low));

interface Member {
  id: string;
  client: LedgerClient;
}

/**
 * Runs `work` with a pool on the app's database: beside the running app for a server, or, for the
 * embedded database (which one process opens at a time), with the app stopped and started again after.
 */
export type UseDatabase = <T>(work: (pool: pg.Pool) => Promise<T>) => Promise<T>;

function outcomeOf(res: Outcome & { answered: true }): WriteOutcome {
  if (res.status >= 200 && res.status < 300) return 'acknowledged';
  if (res.status >= 400 && res.status < 500) return 'refused';
  return res.status === 503 ? 'unavailable' : 'failed';
}

/**
 * One run of the acknowledged-write ledger against a server process: members, a thread and
 * conversations set up through the API, then a burst of concurrent writes, each recorded with what its
 * client was told, while the caller disrupts the server or its database.
 */
export class LedgerRun {
  setup: LedgerSetup | undefined;
  readonly entries: LedgerEntry[] = [];
  /** Answers that were not acknowledgements, by error code. */
  readonly refusals = new Map<string, number>();
  /** Attempts without an answer, by kind and error. */
  readonly noAnswers = new Map<string, number>();
  /** A member with a conversation of their own, outside the ledger, to probe the server with. */
  probe: { client: LedgerClient; conversationId: string } | undefined;
  setupSeconds = 0;
  burstSeconds = 0;
  private writers: Member[] = [];
  private conversationOf: string[] = [];
  private stopping = false;

  constructor(
    private readonly server: ServerProcess,
    private readonly useDatabase: UseDatabase,
    private readonly writerCount = WRITERS,
    /** How often each writer sends a message (at least `MESSAGE_EVERY_MS`, the messaging limit's pace). */
    private readonly messageEveryMs = MESSAGE_EVERY_MS,
  ) {}

  /**
   * Writes the category, starts the server if it is not running, registers the members, opens the
   * thread, follows it and starts the conversations; then makes the accounts established and takes the
   * notification counts. The database is opened twice, before and after the members write (for the
   * embedded database, with the server stopped).
   */
  async prepare(): Promise<void> {
    const startedAt = Date.now();
    const server = this.server;
    const slug = `ledger-${randomBytes(4).toString('hex')}`;
    // Through the API a category needs an administrator; the service writes it straight away.
    const categoryId = await this.useDatabase((db) =>
      createCategoryService(createDatabase(db)).create({
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
      }),
    );
    if (!server.running) await server.start();

    let address = 0;
    const register = async (name: string): Promise<Member> => {
      address += 1;
      const client = new LedgerClient(
        server.url,
        `203.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
      );
      const body = (await client.expect(
        'POST',
        '/api/v1/auth/register',
        {
          email: `${name}-${randomBytes(4).toString('hex')}@example.org`,
          password: 'un libro mayor que no miente',
          displayName: name,
          locale: name.startsWith('sonda') ? 'pt' : 'es',
        },
        [201],
      )) as { user: { id: string } };
      await client.session();
      return { id: body.user.id, client };
    };
    const everyone: Member[] = [];
    const names = [
      'autora',
      'sonda-a',
      'sonda-b',
      ...Array.from({ length: QUIET_FOLLOWERS }, (_, i) => `seguidora-${i}`),
      ...Array.from({ length: this.writerCount }, (_, i) => `escritor-${i}`),
    ];
    for (let i = 0; i < names.length; i += 4) {
      everyone.push(...(await Promise.all(names.slice(i, i + 4).map(register))));
    }
    const [author, probeA, probeB, ...rest] = everyone as [Member, Member, Member, ...Member[]];
    const quiet = rest.slice(0, QUIET_FOLLOWERS);
    const writers = rest.slice(QUIET_FOLLOWERS);
    this.writers = writers;

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

    // Writers 2k and 2k+1 share a direct conversation; the probe's two members have one too.
    const converse = async (a: Member, b: Member) => {
      const started = (await a.client.expect(
        'POST',
        '/api/v1/conversations',
        { memberIds: [b.id], body: 'Hola', clientId: randomUUID() },
        [201],
      )) as { conversation: { id: string } };
      const id = started.conversation.id;
      await b.client.expect('POST', `/api/v1/conversations/${id}/accept`, undefined, [200]);
      return id;
    };
    const conversations: LedgerSetup['conversations'] = [];
    for (let k = 0; k + 1 < writers.length; k += 2) {
      const [a, b] = [writers[k]!, writers[k + 1]!];
      const id = await converse(a, b);
      conversations.push({ id, memberIds: [a.id, b.id] });
      this.conversationOf[k] = id;
      this.conversationOf[k + 1] = id;
    }
    this.probe = { client: probeA.client, conversationId: await converse(probeA, probeB) };

    const base = {
      threadId,
      followerIds: [author, ...quiet, ...writers].map((m) => m.id),
      emailFollowerIds: emailFollowers.map((m) => m.id),
      conversations,
      marker: `ledger-${randomBytes(4).toString('hex')}`,
    };
    const baseline = await this.useDatabase(async (db) => {
      // Established accounts (older than a day) write under the ordinary limits, which the writers keep to.
      await db.query(`update members set created_at = now() - interval '2 days' where id = any($1::uuid[])`, [
        everyone.map((m) => m.id),
      ]);
      return notificationBaseline(db, base);
    });
    this.setup = { ...base, notificationBaseline: baseline };
    this.setupSeconds = (Date.now() - startedAt) / 1000;
  }

  private record(entry: LedgerEntry, res: Outcome): void {
    if (res.answered) {
      entry.outcome = outcomeOf(res);
      entry.status = res.status;
      entry.answeredAt = Date.now();
      if (entry.outcome !== 'acknowledged') {
        const code =
          (res.body as { error?: { code?: string } } | undefined)?.error?.code ?? String(res.status);
        this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
      }
    }
    this.entries.push(entry);
  }

  private noAnswer(kind: LedgerEntry['kind'], res: Outcome): void {
    const key = res.answered ? `${kind} ${res.status}` : `${kind} ${res.error}`;
    this.noAnswers.set(key, (this.noAnswers.get(key) ?? 0) + 1);
  }

  /** One writer: a reply every 10.5 s, a message about every 1.1 s (or slower), until the run stops. */
  private async write(index: number): Promise<void> {
    const { threadId, marker } = this.setup!;
    const me = this.writers[index]!;
    const conversationId = this.conversationOf[index]!;
    let n = 0;
    // Spread the writers' replies over the interval.
    let lastReply = Date.now() - REPLY_EVERY_MS + Math.floor((index / this.writers.length) * REPLY_EVERY_MS);
    let lastMessage = 0;
    while (!this.stopping) {
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
        // A reply has no idempotency key: after no answer (or a 503) it is never sent again.
        const sentAt = Date.now();
        const res = await me.client.request('POST', `/api/v1/threads/${threadId}/posts`, {
          body: entry.body,
        });
        entry.ms = Date.now() - sentAt;
        if (res.answered) {
          entry.id = (res.body as { post?: { id: string } } | undefined)?.post?.id;
        } else {
          this.noAnswer('reply', res);
          entry.neverReached = res.connectionRefused;
          entry.cut = !res.connectionRefused;
        }
        this.record(entry, res);
        if (!res.answered) await sleep(BACKOFF_MS);
      } else if (now - lastMessage >= this.messageEveryMs) {
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
        // A message is retried with the same clientId until it is answered other than 503 (or for a minute).
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
          if (res.answered && res.status !== 503) break;
          this.noAnswer('message', res);
          entry.uncertain = true;
          entry.neverReached &&= !res.answered && res.connectionRefused;
          entry.cut ||= !res.answered && !res.connectionRefused;
          if (Date.now() > giveUpAt) break;
          await sleep(res.answered ? UNAVAILABLE_BACKOFF_MS : BACKOFF_MS);
        }
        // After sending again, a full interval before the next message: catching up at once would go past
        // the limit of five messages in 5 s.
        if (entry.attempts > 1) lastMessage = Date.now();
        if (res.answered) {
          entry.neverReached = false;
          const message = (res.body as { message?: { id: string; seq: number } } | undefined)?.message;
          entry.id = message?.id;
          entry.seq = message?.seq;
        }
        this.record(entry, res);
      } else {
        await sleep(Math.min(REPLY_EVERY_MS - (now - lastReply), this.messageEveryMs - (now - lastMessage)));
      }
    }
  }

  /** Every writer writes while `disrupt` runs, then 3 s more; resolves when all have stopped. */
  async burst(disrupt: () => Promise<void>): Promise<void> {
    const startedAt = Date.now();
    this.stopping = false;
    const running = this.writers.map((_, index) => this.write(index));
    try {
      await disrupt();
      await sleep(3000);
    } finally {
      this.stopping = true;
      await Promise.all(running);
      this.burstSeconds = (Date.now() - startedAt) / 1000;
    }
  }

  /** When the first write acknowledged at or after `time` was answered, if one was. */
  firstAcknowledgedAfter(time: number): number | undefined {
    let first: number | undefined;
    for (const entry of this.entries) {
      if (entry.outcome !== 'acknowledged' || entry.answeredAt === undefined || entry.answeredAt < time)
        continue;
      if (first === undefined || entry.answeredAt < first) first = entry.answeredAt;
    }
    return first;
  }

  /** The answers that were not acknowledgements and the attempts without one, for the printed summary. */
  summary(): string {
    const list = (map: Map<string, number>) =>
      [...map].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    return (
      `answered but not acknowledged (by error code): ${list(this.refusals)}\n` +
      `attempts not answered or answered 503, retried or not: ${list(this.noAnswers)}\n` +
      `set-up ${this.setupSeconds.toFixed(1)} s, burst ${this.burstSeconds.toFixed(1)} s`
    );
  }
}
