import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { startAgora, type RunningAgora } from '@server/server';
import type { MessageDto, MessagePageResponse } from '@shared/api/messaging';
import type { MessageEventPayload } from '@shared/events';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { ApiClient } from '../helpers/http';
import { memberSocket, nextEvent, type SignedIn } from '../helpers/messaging';
import { sessionCookieFrom, type ClientSocket } from '../helpers/sockets';
import { unique } from '../helpers/factories';

const LOOSE_LIMITS = {
  messages: { points: 1000, seconds: 1 },
  newAccountMessages: { points: 1000, seconds: 1 },
  starts: { points: 1000, seconds: 1 },
  newAccountStarts: { points: 1000, seconds: 1 },
};

/** A database that outlives one process: a scratch database on the server, or PGlite under DATA_DIR. */
async function persistentSetup() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-reconnect-'));
  const scratch: ScratchDatabase | undefined = process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL, 'reconnect')
    : undefined;
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url,
    SESSION_SECRET: `reconnect-secret-${'x'.repeat(32)}`,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  return {
    start: () => startAgora(config, createLogger('silent'), { messagingLimits: LOOSE_LIMITS }),
    async cleanup() {
      await scratch?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function register(url: string, name: string): Promise<SignedIn> {
  const client = new ApiClient(url);
  const email = `${name.toLowerCase()}-${unique()}@example.org`;
  const res = await client.send('post', '/api/v1/auth/register', {
    email,
    password: 'mensajes que no se pierden',
    displayName: name,
  });
  expect(res.status).to.equal(201);
  await client.session();
  const user = res.body.user as { id: string; handle: string };
  return {
    id: user.id,
    handle: user.handle,
    email,
    password: 'mensajes que no se pierden',
    displayName: name,
    client,
    cookie: sessionCookieFrom(res),
  };
}

/** Everything after `afterSeq`, page by page, as a reconnecting client fetches it. */
async function catchUp(client: ApiClient, conversationId: string, afterSeq: number): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  let cursor = afterSeq;
  for (;;) {
    const res = await client.get(
      `/api/v1/conversations/${conversationId}/messages?afterSeq=${cursor}&limit=20`,
    );
    expect(res.status).to.equal(200);
    const page = res.body as MessagePageResponse;
    all.push(...page.items);
    cursor = page.items.at(-1)?.seq ?? cursor;
    if (!page.hasMore) return all;
  }
}

/** A client that reuses its session cookie with a new ApiClient against another process. */
function sameBrowser(url: string, member: SignedIn): SignedIn {
  const client = new ApiClient(url);
  void client.agent.jar.setCookie(member.cookie, new URL(url).hostname, '/');
  return { ...member, client };
}

for (const restart of [false, true]) {
  describe(`reconnecting${restart ? ' across a server restart' : ''}`, () => {
    it('ends with exactly the 50 messages sent while away, in order', async function () {
      this.timeout(180_000);
      const setup = await persistentSetup();
      const running: RunningAgora[] = [];
      const sockets: ClientSocket[] = [];
      try {
        let app = await setup.start();
        running.push(app);
        const a = await register(app.url, 'Alicia');
        let b = await register(app.url, 'Bruno');
        const start = await a.client.send('post', '/api/v1/conversations', {
          memberIds: [b.id],
          body: 'Hola',
        });
        expect(start.status).to.equal(201);
        const conversationId = start.body.conversation.id as string;
        await b.client.send('post', `/api/v1/conversations/${conversationId}/accept`);

        const first = await memberSocket(app.url, b);
        sockets.push(first);
        const live = nextEvent<MessageEventPayload>(first, 'message:created');
        await a.client.send('post', `/api/v1/conversations/${conversationId}/messages`, {
          body: 'antes de irte',
          clientId: randomUUID(),
        });
        const lastSeen = (await live).message.seq;
        first.close();

        const sent: MessageDto[] = [];
        for (let i = 1; i <= 50; i += 1) {
          const res = await a.client.send('post', `/api/v1/conversations/${conversationId}/messages`, {
            body: `mensaje ${i}`,
            clientId: randomUUID(),
          });
          expect(res.status).to.equal(201);
          sent.push(res.body.message as MessageDto);
        }

        if (restart) {
          await app.stop();
          running.pop();
          app = await setup.start();
          running.push(app);
          b = sameBrowser(app.url, b);
        }

        const again = await memberSocket(app.url, b);
        sockets.push(again);
        const missed = await catchUp(b.client, conversationId, lastSeen);
        expect(missed.map((m) => m.body)).to.deep.equal(sent.map((m) => m.body));
        expect(missed.map((m) => m.seq)).to.deep.equal(
          Array.from({ length: 50 }, (_, i) => lastSeen + 1 + i),
        );

        // And the reconnected socket is back in the room.
        const next = nextEvent<MessageEventPayload>(again, 'message:created');
        const aAgain = restart ? sameBrowser(app.url, a) : a;
        await aAgain.client.send('post', `/api/v1/conversations/${conversationId}/messages`, {
          body: 'de vuelta',
          clientId: randomUUID(),
        });
        expect((await next).message).to.include({ body: 'de vuelta', seq: lastSeen + 51 });
      } finally {
        for (const socket of sockets) socket.close();
        for (const app of running) await app.stop();
        await setup.cleanup();
      }
    });
  });
}
