import { expect } from 'chai';
import type { MessageDto } from '@shared/api/messaging';
import { MessageSync } from '@client/features/messaging/message-sync';

function message(seq: number): MessageDto {
  return {
    id: `m${seq}`,
    conversationId: 'c',
    seq,
    clientId: `k${seq}`,
    author: null,
    body: `mensaje ${seq}`,
    html: `<p>mensaje ${seq}</p>`,
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    deleted: false,
  };
}

/** A server whose answers the test releases one at a time, holding messages up to `stored`. */
class Server {
  stored = 0;
  readonly asked: number[] = [];
  private waiting: (() => void)[] = [];

  fetchAfter = (afterSeq: number) => {
    this.asked.push(afterSeq);
    // The answer is what was stored when the request was read, not when it is released.
    const items = Array.from({ length: Math.max(0, this.stored - afterSeq) }, (_, i) =>
      message(afterSeq + 1 + i),
    );
    return new Promise<{ items: MessageDto[]; hasMore: boolean }>((resolve) => {
      this.waiting.push(() => resolve({ items, hasMore: false }));
    });
  };

  /** Releases the oldest pending answer. */
  async answer(): Promise<void> {
    const next = this.waiting.shift();
    if (!next) throw new Error('no request is waiting');
    next();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('MessageSync, the client’s catch-up protocol', () => {
  function setUp(held: number) {
    const server = new Server();
    const shown = new Map<number, MessageDto>();
    const sync = new MessageSync(server.fetchAfter, (items) => items.forEach((m) => shown.set(m.seq, m)));
    server.stored = held;
    sync.merge(Array.from({ length: held }, (_, i) => message(i + 1)));
    return { server, shown, sync };
  }

  it('takes a live message that follows the last one held, and catches up on a gap', async () => {
    const { server, shown, sync } = setUp(3);
    server.stored = 5;
    sync.created(message(4));
    expect(server.asked).to.deep.equal([]);
    server.stored = 6;
    sync.created(message(6));
    expect(server.asked).to.deep.equal([4]);
    await server.answer();
    await sync.settled();
    expect([...shown.keys()].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('asks again when a gap shows while a catch-up is already in flight', async () => {
    const { server, shown, sync } = setUp(10);
    server.stored = 12;
    sync.connected();
    // Message 13 is committed after the server read the catch-up request, and arrives live.
    server.stored = 13;
    sync.created(message(13));
    await server.answer();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.asked).to.deep.equal([10, 12]);
    await server.answer();
    await sync.settled();
    expect([...shown.keys()].sort((a, b) => a - b)).to.deep.equal(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
  });

  it('asks again when the socket reconnects while a catch-up from before is in flight', async () => {
    const { server, shown, sync } = setUp(10);
    sync.connected();
    // Cut and back: what was sent meanwhile was delivered to no socket, and the first answer predates it.
    server.stored = 14;
    sync.connected();
    await server.answer();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.asked).to.deep.equal([10, 10]);
    await server.answer();
    await sync.settled();
    expect(shown.size).to.equal(14);
  });
});
