import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createClient } from 'redis';
import type { PostEventPayload } from '@shared/events';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { DEFAULT_MESSAGING_LIMITS } from '@server/messaging/rate-limits';
import { ApiClient } from '../helpers/http';
import { nextEvent } from '../helpers/messaging';
import { nextDisconnect, type ClientSocket } from '../helpers/sockets';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { enrolTwoFactor } from '../helpers/totp';
import { clusterAvailable, startCluster, type Cluster } from './cluster';
import { openSocket, pin, publicCategory, register, servedBy, type Person } from './people';

const describeWithCluster = clusterAvailable ? describe : describe.skip;

/** Members who take a daily digest, members who take each reply by e-mail, and replies written. */
const DIGEST_READERS = 8;
const MAIL_FOLLOWERS = 4;
const REPLIES = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The hour of the day now in a time zone. */
function hourIn(timeZone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()),
  );
}

/**
 * A time zone whose local hour now is within [from, to]: the offsets from UTC-12 to UTC+14 cover every
 * hour of the day, so one always exists.
 */
function zoneAt(from: number, to: number): string {
  for (let offset = -12; offset <= 14; offset += 1) {
    // POSIX sign: Etc/GMT+5 is five hours behind UTC.
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset < 0 ? '+' : '-'}${Math.abs(offset)}`;
    const hour = hourIn(zone);
    if (hour >= from && hour <= to) return zone;
  }
  throw new Error(`no time zone at ${from}–${to} h now`);
}

/** Resolves with the ack of a `thread:watch`. */
function watch(socket: ClientSocket, threadId: string): Promise<unknown> {
  return new Promise((resolve) => socket.emit('thread:watch', { threadId }, resolve));
}

describeWithCluster('several processes behind one proxy (PostgreSQL, Redis adapter)', () => {
  let cluster: Cluster;
  let smtp: TestSmtp;
  const sockets: ClientSocket[] = [];
  let categoryId: string;
  /** What the run measured, printed at the end. */
  const figures: string[] = [];

  before(async function () {
    this.timeout(180_000);
    smtp = await startSmtp();
    cluster = await startCluster('cluster', {
      SMTP_URL: smtp.url,
      // Members write at once (no address to confirm) and messages are e-mailed without delay.
      REQUIRE_EMAIL_VERIFICATION: 'false',
      MESSAGE_EMAIL_DELAY_MINUTES: '0',
    });
    categoryId = await publicCategory(cluster.pool, 'cluster');
  });

  after(async function () {
    this.timeout(60_000);
    for (const socket of sockets) socket.close();
    if (cluster) {
      figures.push(`requests per process through the proxy: ${cluster.proxy.served.join(' / ')}`);
      console.log(`      ${figures.join('\n      ')}`);
    }
    await cluster?.stop();
    await smtp?.close();
  });

  async function thread(author: Person, title: string): Promise<string> {
    const res = await author.client.send('post', '/api/v1/threads', {
      categoryId,
      title,
      body: 'Un hilo para varios procesos.',
      kind: 'discussion',
      tags: [],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return (res.body as { thread: { id: string } }).thread.id;
  }

  it('keeps this run to its own Redis channels', async () => {
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    try {
      const ours = await redis.pubSubChannels(`${cluster.redisPrefix}:socket.io*`);
      expect(ours.length, 'adapter channels under the run’s prefix').to.be.greaterThan(0);
    } finally {
      await redis.quit();
    }
  });

  it('delivers a reply created through one process to watchers connected through either', async function () {
    this.timeout(60_000);
    const author = await register(cluster.url, 'autora', 'a');
    const threadId = await thread(author, 'Respuestas que cruzan procesos');
    // One watcher on each process, plus a visitor on long polling only with no pin: without sticky
    // sessions its polls would alternate between processes and the session would be unknown to one.
    const onA = await openSocket(cluster.url, { backend: 'a' });
    const onB = await openSocket(cluster.url, { backend: 'b' });
    const polling = await openSocket(cluster.url, { transports: ['polling'] });
    sockets.push(onA, onB, polling);
    for (const socket of [onA, onB, polling])
      expect(await watch(socket, threadId)).to.deep.equal({ ok: true });
    expect(cluster.proxy.backendOfSession(onA.io.engine.id)).to.equal(0);
    expect(cluster.proxy.backendOfSession(onB.io.engine.id)).to.equal(1);

    for (const backend of ['a', 'b']) {
      const replier = await register(cluster.url, `respuesta-${backend}`, backend);
      const live = [onA, onB, polling].map((socket) => nextEvent<PostEventPayload>(socket, 'post:created'));
      const res = await replier.client.send('post', `/api/v1/threads/${threadId}/posts`, {
        body: `Respondo a través de ${backend}.`,
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(servedBy(res)).to.equal(backend);
      const postId = (res.body as { post: { id: string } }).post.id;
      for (const event of await Promise.all(live)) expect(event.post.id).to.equal(postId);
    }
  });

  it('disconnects on one process the sockets of a member suspended through the other', async function () {
    this.timeout(60_000);
    const moderator = await register(cluster.url, 'moderadora', 'a');
    await cluster.pool.query(`update members set role = 'moderator' where id = $1`, [moderator.id]);
    // Staff sign in afresh, then enrol in the second factor their tools require.
    expect((await moderator.client.signIn(moderator.email, moderator.password)).status).to.equal(200);
    await enrolTwoFactor(moderator.client);
    const member = await register(cluster.url, 'suspendido', 'b');
    const ws = await openSocket(cluster.url, {
      cookie: member.cookie,
      backend: 'b',
      transports: ['websocket'],
    });
    const polling = await openSocket(cluster.url, {
      cookie: member.cookie,
      backend: 'b',
      transports: ['polling'],
    });
    sockets.push(ws, polling);
    const gone = [ws, polling].map((socket) => nextDisconnect(socket));

    const res = await moderator.client.send('post', `/api/v1/moderation/members/${member.id}/suspend`, {
      days: 1,
      reason: 'Prueba de varios procesos',
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(servedBy(res)).to.equal('a');
    const reasons = await Promise.race([
      Promise.all(gone),
      new Promise((resolve) => setTimeout(() => resolve('still connected after 5 s'), 5000)),
    ]);
    expect(reasons).to.deep.equal(['io server disconnect', 'io server disconnect']);
  });

  it('holds a member to one posting interval across both processes', async function () {
    this.timeout(60_000);
    const author = await register(cluster.url, 'limite', 'a');
    const threadId = await thread(author, 'Un límite para todos los procesos');
    const replier = await register(cluster.url, 'apurada');
    pin(replier.client, cluster.url, 'a');
    const first = await replier.client.send('post', `/api/v1/threads/${threadId}/posts`, {
      body: 'Primera.',
    });
    expect([first.status, servedBy(first)]).to.deep.equal([201, 'a']);
    pin(replier.client, cluster.url, 'b');
    const second = await replier.client.send('post', `/api/v1/threads/${threadId}/posts`, {
      body: 'Segunda, demasiado pronto.',
    });
    expect([second.status, servedBy(second)]).to.deep.equal([429, 'b']);
    expect(second.body.error.code).to.equal('posting_too_fast');
  });

  it('holds a sender to one messaging allowance across both processes', async function () {
    this.timeout(60_000);
    const sender = await register(cluster.url, 'remitente');
    const peer = await register(cluster.url, 'destinataria', 'b');
    pin(sender.client, cluster.url, 'a');
    const started = await sender.client.send('post', '/api/v1/conversations', { memberIds: [peer.id] });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const conversationId = (started.body as { conversation: { id: string } }).conversation.id;
    const accepted = await peer.client.send('post', `/api/v1/conversations/${conversationId}/accept`);
    expect(accepted.status).to.equal(200);
    // A new account's allowance: `points` messages per window, whichever process takes them.
    const { points } = DEFAULT_MESSAGING_LIMITS.newAccountMessages;
    const answers: [number, string][] = [];
    for (let i = 0; i <= points; i += 1) {
      const backend = i % 2 === 0 ? 'a' : 'b';
      pin(sender.client, cluster.url, backend);
      const res = await sender.client.send('post', `/api/v1/conversations/${conversationId}/messages`, {
        body: `mensaje ${i}`,
        clientId: randomUUID(),
      });
      answers.push([res.status, servedBy(res)]);
    }
    expect(answers).to.deep.equal([
      ...Array.from({ length: points }, (_, i): [number, string] => [201, i % 2 === 0 ? 'a' : 'b']),
      [429, points % 2 === 0 ? 'a' : 'b'],
    ]);
  });

  it('counts failed sign-ins on one account across both processes', async function () {
    this.timeout(60_000);
    const owner = await register(cluster.url, 'propietaria');
    const guesser = { client: new ApiClient(cluster.url) };
    const statuses: number[] = [];
    for (let i = 0; i <= DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp; i += 1) {
      pin(guesser.client, cluster.url, i % 2 === 0 ? 'a' : 'b');
      const res = await guesser.client.send('post', '/api/v1/auth/login', {
        email: owner.email,
        password: `intento ${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).to.deep.equal([
      ...Array.from({ length: DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp }, () => 401),
      429,
    ]);
  });

  // Last: it restarts both processes.
  it('writes each digest once and sends each e-mail once with both processes running the jobs', async function () {
    this.timeout(150_000);
    // Digest readers live where it is still night, so that no scheduler tick writes their digest
    // before the test is ready; e-mail followers get every reply by e-mail from whichever process.
    const night = zoneAt(0, 5);
    const morning = zoneAt(9, 21);
    const author = await register(cluster.url, 'autora-resumen');
    const threadId = await thread(author, 'Un resumen por persona');
    const readers: Person[] = [];
    const mailed: Person[] = [];
    for (let i = 0; i < DIGEST_READERS + MAIL_FOLLOWERS; i += 1) {
      const person = await register(cluster.url, `lectora-${i}`);
      const digest = i < DIGEST_READERS;
      (digest ? readers : mailed).push(person);
      const prefs = await person.client.send('put', '/api/v1/notifications/preferences', {
        timeZone: night,
        digest: digest ? 'daily' : 'off',
        kinds: { reply_in_followed: digest ? 'digest' : 'email' },
      });
      expect(prefs.status, JSON.stringify(prefs.body)).to.equal(200);
      expect((await person.client.send('put', `/api/v1/threads/${threadId}/follow`)).status).to.equal(200);
    }
    // Replies through both processes: each one e-mails every e-mail follower.
    const served = new Set<string>();
    for (let i = 0; i < REPLIES; i += 1) {
      const replier = await register(cluster.url, `respuesta-${i}`, i % 2 === 0 ? 'a' : 'b');
      const res = await replier.client.send('post', `/api/v1/threads/${threadId}/posts`, {
        body: `Respuesta ${i}.`,
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      served.add(servedBy(res));
    }
    expect([...served].sort()).to.deep.equal(['a', 'b']);

    // Morning comes while both processes are down; they start together and both schedulers look for
    // due digests at once, while both outbox senders share what is left to send.
    await Promise.all(cluster.processes.map((child) => child.stop()));
    await cluster.pool.query(
      `update notification_settings set time_zone = $1 where member_id = any($2::uuid[])`,
      [morning, readers.map((r) => r.id)],
    );
    await Promise.all(cluster.processes.map((child) => child.start()));

    const readerIds = readers.map((r) => r.id);
    const deadline = Date.now() + 60_000;
    let pending = -1;
    let digests = 0;
    while (Date.now() < deadline) {
      const { rows } = await cluster.pool.query<{ pending: number; digests: number }>(
        `select (select count(*)::int from mail_outbox where sent_at is null and skipped_at is null) as pending,
                (select count(*)::int from digest_deliveries where member_id = any($1::uuid[])) as digests`,
        [readerIds],
      );
      ({ pending, digests } = rows[0]!);
      if (pending === 0 && digests === readers.length) break;
      await sleep(250);
    }
    expect({ pending, digests }).to.deep.equal({ pending: 0, digests: readers.length });
    // A last poll of both senders finds nothing more to send.
    await sleep(2500);

    const { rows: deliveries } = await cluster.pool.query<{
      member_id: string;
      item_count: number;
      outbox_id: string | null;
    }>(`select member_id, item_count, outbox_id from digest_deliveries where member_id = any($1::uuid[])`, [
      readerIds,
    ]);
    for (const row of deliveries) {
      expect(row.item_count, 'a digest with the replies in it').to.be.greaterThan(0);
      expect(row.outbox_id, 'a digest e-mail').to.be.a('string');
    }
    const { rows: outbox } = await cluster.pool.query<{
      id: string;
      member_id: string | null;
      template: string;
      kind: string | null;
    }>(`select id, member_id, template, kind from mail_outbox where sent_at is not null`);
    const digestMails = outbox.filter(
      (row) => row.template === 'digest' && readerIds.includes(row.member_id ?? ''),
    );
    expect(digestMails.map((row) => row.member_id).sort()).to.deep.equal([...readerIds].sort());
    const replyMails = outbox.filter(
      (row) => row.kind === 'reply_in_followed' && mailed.some((m) => m.id === row.member_id),
    );
    expect(replyMails.length).to.equal(MAIL_FOLLOWERS * REPLIES);

    // What the mail server received: every e-mail the outbox marked sent, each exactly once.
    const received = new Map<string, number>();
    for (const mail of smtp.received) {
      const id = /^<([^@]+)@/.exec(mail.parsed.messageId ?? '')?.[1] ?? mail.parsed.messageId ?? '';
      received.set(id, (received.get(id) ?? 0) + 1);
    }
    const twice = [...received].filter(([, count]) => count > 1);
    expect(twice, 'e-mails received more than once').to.deep.equal([]);
    expect([...received.keys()].sort()).to.deep.equal(outbox.map((row) => row.id).sort());
    figures.push(
      `${outbox.length} e-mails sent once each (${replyMails.length} reply e-mails, ${digestMails.length} digests)`,
    );
  });
});
