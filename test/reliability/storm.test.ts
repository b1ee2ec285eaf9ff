import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { io } from 'socket.io-client';
import { CSRF_HEADER } from '@shared/constants';
import type { MessageDto, MessagePageResponse } from '@shared/api/messaging';
import { MessageSync } from '@client/features/messaging/message-sync';
import type { ClientSocket } from '../helpers/sockets';
import { clusterAvailable, startCluster, type Cluster } from './cluster';
import { CLIENT_HEADER } from './proxy';

/** Socket clients, each a member of its own (CI: 40; full run: 200). */
const CLIENTS = Number(process.env.STORM_CLIENTS ?? 40);
/** How many times each client's connection is cut (CI: 5; full run: 50). */
const ROUNDS = Number(process.env.STORM_ROUNDS ?? 5);
/** Members per conversation. */
const GROUP = 4;
/** Each member sends a message about this often while the storm lasts (its limit: five per 5 s). */
const SEND_EVERY_MS = Number(process.env.STORM_SEND_MS ?? 2000);
/** A connection is cut at a random moment this long at most after it (re)connected. */
const CUT_WITHIN_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describeWithCluster = clusterAvailable ? describe : describe.skip;

/** A member's browser, over `fetch`: its session cookie, its CSRF token and its address. */
class Browser {
  private cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(
    private readonly url: string,
    readonly ip: string,
  ) {}

  /** The cookies, as the `Cookie` header of a socket handshake. */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One request; rejects when it is not fully answered within 20 s, whatever stalled. */
  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`${method} ${path}: no full answer within 20 s`));
      }, 20_000);
    });
    try {
      return await Promise.race([this.send(method, path, body, abort.signal), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { 'X-Forwarded-For': this.ip, Accept: 'application/json' };
    if (this.cookies.size) headers.Cookie = this.cookieHeader;
    if (method !== 'GET') headers[CSRF_HEADER] = this.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** A request that must answer one of `statuses`. */
  async expect(method: string, path: string, body: unknown, statuses: number[]): Promise<unknown> {
    const res = await this.request(method, path, body);
    if (!statuses.includes(res.status))
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async session(): Promise<void> {
    const body = (await this.expect('GET', '/api/v1/session', undefined, [200])) as { csrfToken: string };
    this.csrfToken = body.csrfToken;
  }
}

/**
 * One member's client in the storm: a socket through the proxy that reconnects by itself (Socket.IO's
 * own reconnection, as in the browser), and the web client's catch-up protocol (`MessageSync`) for its
 * conversation. It records what it took and how.
 */
class StormClient {
  readonly tag = randomBytes(6).toString('hex');
  socket: ClientSocket | undefined;
  /** The conversation as the client shows it: by seq. */
  readonly shown = new Map<number, MessageDto>();
  readonly sync: MessageSync;
  conversationId = '';
  hellos = 0;
  takenLive = 0;
  takenByCatchUp = 0;
  /** Messages taken again (the same seq): a late live event after a catch-up brought it. */
  takenTwice = 0;
  /** Messages taken below the highest seq already shown (they filled a hole). */
  takenOutOfOrder = 0;
  catchUps = 0;
  failedCatchUps = 0;
  /** Violations of the protocol: two different messages under one seq. */
  errors: string[] = [];
  /** Disconnections and failed reconnections, by reason. */
  readonly disconnects = new Map<string, number>();
  readonly connectErrors = new Map<string, number>();
  private highest = 0;

  constructor(
    readonly id: string,
    readonly browser: Browser,
    private readonly url: string,
  ) {
    this.sync = new MessageSync(
      async (afterSeq) => {
        this.catchUps += 1;
        const res = await this.browser.request(
          'GET',
          `/api/v1/conversations/${this.conversationId}/messages?afterSeq=${afterSeq}&limit=200`,
        );
        if (res.status !== 200) throw new Error(`catch-up answered ${res.status}`);
        const page = res.body as MessagePageResponse;
        this.takenByCatchUp += page.items.length;
        return page;
      },
      (items) => {
        for (const message of items) {
          const held = this.shown.get(message.seq);
          if (held) {
            this.takenTwice += 1;
            if (held.id !== message.id) this.errors.push(`seq ${message.seq} is two messages`);
            continue;
          }
          if (message.seq < this.highest) this.takenOutOfOrder += 1;
          this.highest = Math.max(this.highest, message.seq);
          this.shown.set(message.seq, message);
        }
      },
      // A failed catch-up (a 502 from the balancer) is what a browser meets too: the page shows it and the
      // next event or reconnection asks again; the verdict below says whether the client still converged.
      () => {
        this.failedCatchUps += 1;
      },
    );
  }

  /** Connects; resolves on the first `hello`. */
  connect(): Promise<void> {
    const socket: ClientSocket = io(this.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: this.browser.cookieHeader, [CLIENT_HEADER]: this.tag },
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 1000,
      timeout: 20_000,
    });
    this.socket = socket;
    socket.on('message:created', ({ conversationId, message }) => {
      if (conversationId !== this.conversationId) return;
      this.takenLive += 1;
      this.sync.created(message);
    });
    socket.on('disconnect', (reason) => {
      this.disconnects.set(reason, (this.disconnects.get(reason) ?? 0) + 1);
      // Socket.IO does not reconnect by itself after the server's own disconnect: a finding, and the
      // client is put back so that the rest of the run goes on.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      this.connectErrors.set(error.message, (this.connectErrors.get(error.message) ?? 0) + 1);
    });
    socket.on('hello', () => {
      this.hellos += 1;
      this.sync.connected();
    });
    return new Promise((resolve) => socket.once('hello', () => resolve()));
  }

  /** Resolves once the socket is connected again (its next `hello` after `count` of them). */
  async connectedAfter(count: number, ms = 120_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.hellos <= count) {
      if (Date.now() > deadline) {
        throw new Error(
          `client ${this.tag} not back within ${ms} ms (connected: ${String(this.socket?.connected)}, ` +
            `disconnects ${JSON.stringify([...this.disconnects])}, errors ${JSON.stringify([...this.connectErrors])})`,
        );
      }
      await sleep(20);
    }
  }
}

describeWithCluster('reconnect storms: clients cut while messages flow, across two processes', () => {
  let cluster: Cluster;
  const clients: StormClient[] = [];

  before(async function () {
    this.timeout(180_000);
    cluster = await startCluster('storm');
  });

  after(async function () {
    this.timeout(60_000);
    for (const client of clients) client.socket?.close();
    await cluster?.stop();
  });

  it(`ends with every client holding exactly the database's messages (${CLIENTS} clients × ${ROUNDS} cuts)`, async function () {
    this.timeout(120_000 + CLIENTS * ROUNDS * 400);
    const startedAt = Date.now();
    // Members register through the proxy, a few at a time, each from an address of its own.
    for (let i = 0; i < CLIENTS; i += 4) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(4, CLIENTS - i) }, async (_, j) => {
          const n = i + j;
          const browser = new Browser(cluster.url, `203.0.${Math.floor(n / 250)}.${(n % 250) + 1}`);
          await browser.session();
          const body = (await browser.expect(
            'POST',
            '/api/v1/auth/register',
            {
              email: `tormenta-${n}-${randomBytes(4).toString('hex')}@example.org`,
              password: 'tormenta de reconexiones',
              displayName: `Tormenta ${n}`,
            },
            [201],
          )) as { user: { id: string } };
          await browser.session();
          return new StormClient(body.user.id, browser, cluster.url);
        }),
      );
      clients.push(...batch);
    }
    // Established accounts (older than a day) write under the ordinary limits.
    await cluster.pool.query(
      `update members set created_at = now() - interval '2 days' where id = any($1::uuid[])`,
      [clients.map((c) => c.id)],
    );
    // Conversations of GROUP members: the first starts it, the others accept.
    const conversations: string[] = [];
    for (let i = 0; i < clients.length; i += GROUP) {
      const group = clients.slice(i, i + GROUP);
      const [first, ...others] = group as [StormClient, ...StormClient[]];
      const started = (await first.browser.expect(
        'POST',
        '/api/v1/conversations',
        { memberIds: others.map((c) => c.id), title: `Tormenta ${i / GROUP}` },
        [201],
      )) as { conversation: { id: string } };
      const id = started.conversation.id;
      for (const other of others)
        await other.browser.expect('POST', `/api/v1/conversations/${id}/accept`, undefined, [200]);
      for (const member of group) member.conversationId = id;
      conversations.push(id);
    }
    await Promise.all(clients.map((client) => client.connect()));
    const setupSeconds = (Date.now() - startedAt) / 1000;

    // Messages flow: every member sends, retrying with the same clientId until answered.
    let stopping = false;
    let acknowledged = 0;
    let refused = 0;
    let retried = 0;
    const senders = clients.map(async (client) => {
      await sleep(Math.random() * SEND_EVERY_MS);
      let n = 0;
      while (!stopping) {
        const clientId = randomUUID();
        n += 1;
        for (;;) {
          const res = await client.browser
            .request('POST', `/api/v1/conversations/${client.conversationId}/messages`, {
              body: `${client.tag} ${n}`,
              clientId,
            })
            .catch(() => undefined);
          if (res && res.status < 500) {
            if (res.status === 200 || res.status === 201) acknowledged += 1;
            else refused += 1;
            break;
          }
          retried += 1;
          await sleep(200);
        }
        await sleep(SEND_EVERY_MS * (0.5 + Math.random()));
      }
    });

    // The storm: each client's connection is cut ROUNDS times, each time at a random moment after it
    // came back; Socket.IO reconnects through the proxy, to either process.
    let cuts = 0;
    let roundsDone = 0;
    const stormStartedAt = Date.now();
    // Long runs say how they are doing every 15 s.
    const progress = setInterval(() => {
      if (CLIENTS * ROUNDS < 1000) return;
      const away = clients.filter((c) => !c.socket?.connected).length;
      const catchingUp = clients.reduce((n, c) => n + c.catchUps, 0);
      console.log(
        `      … ${((Date.now() - stormStartedAt) / 1000).toFixed(0)} s: ${cuts} cuts, ${roundsDone} rounds done, ` +
          `${away} clients away, ${acknowledged} messages acknowledged, ${retried} sends retried, ` +
          `${catchingUp} catch-up requests, stopping ${String(stopping)}`,
      );
    }, 15_000);
    progress.unref();
    await Promise.all(
      clients.map(async (client) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          const seen = client.hellos;
          await sleep(Math.random() * CUT_WITHIN_MS);
          if (cluster.proxy.cut(client.tag) > 0) cuts += 1;
          await client.connectedAfter(seen);
          roundsDone += 1;
        }
      }),
    );
    const stormSeconds = (Date.now() - stormStartedAt) / 1000;
    stopping = true;
    await Promise.all(senders);

    // Now the database holds the last word. Clients are left to the protocol alone: nothing here
    // fetches for them. Each must come to hold exactly its conversation's messages.
    const { rows } = await cluster.pool.query<{
      conversation_id: string;
      id: string;
      seq: number;
      body: string;
    }>(
      `select conversation_id, id, seq, body_source as body from messages where conversation_id = any($1::uuid[]) order by conversation_id, seq`,
      [conversations],
    );
    const stored = new Map<string, { id: string; seq: number; body: string }[]>();
    for (const row of rows) {
      const list = stored.get(row.conversation_id) ?? [];
      list.push(row);
      stored.set(row.conversation_id, list);
    }
    const mismatch = (client: StormClient) => {
      const expected = stored.get(client.conversationId) ?? [];
      const shown = [...client.shown.values()].sort((a, b) => a.seq - b.seq);
      const shownIds = shown.map((m) => m.id);
      const expectedIds = new Set(expected.map((m) => m.id));
      return {
        missing: expected.filter((m) => !client.shown.has(m.seq)).length,
        extra: shown.filter((m) => !expectedIds.has(m.id)).length,
        duplicated: shownIds.length - new Set(shownIds).size,
        outOfOrder: shown.filter((m, i) => expected[i]?.id !== m.id || expected[i]?.body !== m.body).length,
      };
    };
    const settleDeadline = Date.now() + 20_000;
    let totals: ReturnType<typeof mismatch>;
    for (;;) {
      await Promise.all(clients.map((client) => client.sync.settled()));
      totals = { missing: 0, extra: 0, duplicated: 0, outOfOrder: 0 };
      for (const client of clients) {
        const found = mismatch(client);
        totals.missing += found.missing;
        totals.extra += found.extra;
        totals.duplicated += found.duplicated;
        totals.outOfOrder += found.outOfOrder;
      }
      if (Object.values(totals).every((n) => n === 0) || Date.now() > settleDeadline) break;
      await sleep(200);
    }

    clearInterval(progress);
    const sum = (pick: (c: StormClient) => number) => clients.reduce((total, c) => total + pick(c), 0);
    const tally = (pick: (c: StormClient) => Map<string, number>) => {
      const all: Record<string, number> = {};
      for (const client of clients) for (const [key, n] of pick(client)) all[key] = (all[key] ?? 0) + n;
      return all;
    };
    const report = [
      `${CLIENTS} clients in ${conversations.length} conversations, ${ROUNDS} cuts each: ${cuts} cuts, ${sum((c) => c.hellos - 1)} reconnections in ${stormSeconds.toFixed(1)} s (set-up ${setupSeconds.toFixed(1)} s)`,
      `messages: ${rows.length} stored, ${acknowledged} acknowledged, ${refused} refused, ${retried} sends retried`,
      `taken: ${sum((c) => c.takenLive)} live, ${sum((c) => c.takenByCatchUp)} by ${sum((c) => c.catchUps)} catch-up requests (${sum((c) => c.failedCatchUps)} failed); ${sum((c) => c.takenTwice)} taken twice (ignored), ${sum((c) => c.takenOutOfOrder)} filled a hole`,
      `processes: ${cluster.proxy.upgrades.join(' / ')} WebSocket connections, ${cluster.proxy.served.join(' / ')} requests`,
      `disconnections by reason: ${JSON.stringify(tally((c) => c.disconnects))}; failed reconnections: ${JSON.stringify(tally((c) => c.connectErrors))}`,
      `lost ${totals.missing}, extra ${totals.extra}, duplicated ${totals.duplicated}, out of order ${totals.outOfOrder}`,
    ];
    console.log(`      ${report.join('\n      ')}`);
    expect(clients.flatMap((c) => c.errors)).to.deep.equal([]);
    expect(rows.length).to.equal(acknowledged);
    expect(cuts).to.equal(CLIENTS * ROUNDS);
    expect(totals).to.deep.equal({ missing: 0, extra: 0, duplicated: 0, outOfOrder: 0 });
  });
});
