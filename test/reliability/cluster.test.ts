import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createClient } from 'redis';
import type { PostEventPayload } from '@shared/events';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { DEFAULT_MESSAGING_LIMITS } from '@server/messaging/rate-limits';
import { ApiClient } from '../helpers/http';
import { nextEvent } from '../helpers/messaging';
import { nextDisconnect, type ClientSocket } from '../helpers/sockets';
import { enrolTwoFactor } from '../helpers/totp';
import { clusterAvailable, startCluster, type Cluster } from './cluster';
import { openSocket, pin, publicCategory, register, servedBy, type Person } from './people';

const describeWithCluster = clusterAvailable ? describe : describe.skip;

/** Resolves with the ack of a `thread:watch`. */
function watch(socket: ClientSocket, threadId: string): Promise<unknown> {
  return new Promise((resolve) => socket.emit('thread:watch', { threadId }, resolve));
}

describeWithCluster('several processes behind one proxy (PostgreSQL, Redis adapter)', () => {
  let cluster: Cluster;
  const sockets: ClientSocket[] = [];
  let categoryId: string;

  before(async function () {
    this.timeout(180_000);
    cluster = await startCluster('cluster');
    categoryId = await publicCategory(cluster.pool, 'cluster');
  });

  after(async function () {
    this.timeout(60_000);
    for (const socket of sockets) socket.close();
    await cluster?.stop();
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
});
