import { expect } from 'chai';
import fc from 'fast-check';
import type { Ack, MessageEventPayload, PostEventPayload } from '@shared/events';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildThread } from '../helpers/factories';
import {
  acceptedConversation,
  memberSocket,
  nextEvent,
  sendMessage,
  signedInMember,
  type SignedIn,
} from '../helpers/messaging';
import { changedTables, rowCounts } from '../helpers/row-counts';
import type { ClientSocket } from '../helpers/sockets';
import { ackIdOf, fuzzCase, showFrames, type FuzzCase } from '../helpers/socket-fuzz';
import { WireSocket } from '../helpers/wire';

/**
 * Malformed packets on a raw WebSocket: each case on a connection of its own, half of them signed in.
 * `FUZZ_PACKETS` sets the number of cases (400 by default; the full run in docs/reliability.md is
 * 100 000), `FC_SEED` replays a run.
 */
const PACKETS = Number(process.env.FUZZ_PACKETS ?? 400);
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
/** Cases sent at once, each on its own connection. */
const BATCH = 20;
/** How long the server may take to drop a connection, on a loaded machine. */
const DROP_WITHIN_MS = 5000;

function watch(socket: ClientSocket, threadId: string): Promise<Ack> {
  return new Promise((resolve) => socket.emit('thread:watch', { threadId }, resolve));
}

describe('socket fuzzing: malformed traffic drops its own connection and nothing else', function () {
  this.timeout(Math.max(120_000, PACKETS * 20));
  let app: TestApp;
  let a: SignedIn;
  let b: SignedIn;
  let fuzzer: SignedIn;
  let conversationId: string;
  let threadId: string;
  let aSocket: ClientSocket;
  let bSocket: ClientSocket;

  before(async () => {
    app = await getTestApp();
    [a, b, fuzzer] = await Promise.all([signedInMember(), signedInMember(), signedInMember()]);
    conversationId = (await acceptedConversation(a, b)).id;
    threadId = (await buildThread(a)).id;
    [aSocket, bSocket] = await Promise.all([memberSocket(app.url, a), memberSocket(app.url, b)]);
    expect(await watch(bSocket, threadId)).to.deep.equal({ ok: true });
  });
  after(() => {
    aSocket?.close();
    bSocket?.close();
  });

  /** Sends one case on a new connection and checks the server's answer to it. */
  async function run(fuzz: FuzzCase, signedIn: boolean): Promise<void> {
    const socket = await WireSocket.connect(app.url, signedIn ? { cookie: fuzzer.cookie } : {});
    try {
      for (const frame of fuzz.frames) socket.sendRaw(frame);
      if (fuzz.expect === 'drop') {
        expect(await socket.closedWithin(DROP_WITHIN_MS), `${fuzz.kind}: still open`).to.equal(true);
        return;
      }
      const id = ackIdOf(fuzz);
      const reply = await socket.waitFor((message) => message.startsWith(`3${id}[`), DROP_WITHIN_MS);
      const [answer] = JSON.parse(reply.slice(1 + id.length)) as [Ack];
      expect(answer.ok, fuzz.kind).to.equal(false);
      if (!answer.ok) expect(answer.error.code).to.be.a('string');
      expect(socket.open, `${fuzz.kind}: dropped after answering`).to.equal(true);
    } catch (error) {
      throw new Error(`${showFrames(fuzz)} (signed in: ${signedIn}): ${String(error)}`, { cause: error });
    } finally {
      socket.close();
    }
  }

  for (const [label, frame] of [
    ['an event name the contract does not list', '42["thread:watchh",{}]'],
    ['an event name the contract does not list, asking for an ack', '427["no such event"]'],
    ['a number for an event name', '42[5,{"threadId":"x"}]'],
    ['an event only the server sends', '42["hello",{"userId":"someone"}]'],
    ['an inherited property name', '42["__proto__",{}]'],
  ] as const) {
    it(`drops a connection that sends ${label}`, async () => {
      for (const signedIn of [false, true])
        await run({ kind: label, frames: [frame], expect: 'drop' }, signedIn);
    });
  }

  it(`${PACKETS} malformed packets: each connection dropped or refused, other members unaffected, nothing stored`, async () => {
    const before = await rowCounts(app.pool);
    const kinds: Record<string, number> = {};
    let cases = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzCase, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(
          batch.map(async (fuzz, i) => {
            await run(fuzz, i % 2 === 1);
            kinds[fuzz.kind] = (kinds[fuzz.kind] ?? 0) + 1;
            cases += 1;
          }),
        );
      }),
      { numRuns: Math.ceil(PACKETS / BATCH), seed: SEED, endOnFailure: true },
    );
    const seconds = (Date.now() - started) / 1000;

    // Nothing the fuzzing sent was stored: no table gained or lost a row.
    const changed = changedTables(before, await rowCounts(app.pool));
    expect(changed).to.deep.equal({});

    // The members' own sockets were never touched: still connected, still served.
    expect(aSocket.connected && bSocket.connected).to.equal(true);
    const message = nextEvent<MessageEventPayload>(bSocket, 'message:created');
    await sendMessage(a, conversationId, 'Still here?');
    expect((await message).conversationId).to.equal(conversationId);
    const reply = nextEvent<PostEventPayload>(bSocket, 'post:created');
    const res = await a.client.send('post', `/api/v1/threads/${threadId}/posts`, {
      body: 'Yes, still here.',
    });
    expect(res.status).to.equal(201);
    expect((await reply).threadId).to.equal(threadId);
    await a.client.get('/readyz').expect(200);

    console.log(
      `      socket fuzzing: ${cases} cases (seed ${SEED}) in ${seconds.toFixed(1)} s, 0 crashes, ` +
        `0 rows stored\n` +
        Object.entries(kinds)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([kind, n]) => `        ${String(n).padStart(6)}  ${kind}`)
          .join('\n'),
    );
  });
});
