import { expect } from 'chai';
import { LazySocket, type IoSocket } from '@client/realtime/socket';

/** A stand-in for Socket.IO's socket that records what it was asked. */
class FakeIoSocket {
  connected = false;
  readonly calls: string[] = [];
  readonly handlers = new Map<string, Array<(...args: unknown[]) => void>>();

  on(event: string, listener: (...args: unknown[]) => void) {
    this.calls.push(`on ${event}`);
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void) {
    this.calls.push(`off ${event}`);
    this.handlers.set(
      event,
      (this.handlers.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    this.calls.push(`emit ${event} ${JSON.stringify(args[0])}`);
    return this;
  }
  connect() {
    this.calls.push('connect');
    this.connected = true;
    for (const listener of this.handlers.get('connect') ?? []) listener();
    return this;
  }
  disconnect() {
    this.calls.push('disconnect');
    this.connected = false;
    return this;
  }
}

/** A LazySocket over a fake, with a count of how often the client was loaded. */
function lazy() {
  const fake = new FakeIoSocket();
  let loads = 0;
  const socket = new LazySocket(() => {
    loads += 1;
    return Promise.resolve(fake as unknown as IoSocket);
  });
  return { socket, fake, loads: () => loads };
}

/** Lets the loader's promise settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LazySocket (client/src/realtime/socket.ts)', () => {
  it('loads nothing and connects nothing while no feature listens or sends', async () => {
    const { socket, fake, loads } = lazy();
    socket.reconnect();
    await settle();
    expect(loads()).to.equal(0);
    expect(socket.started).to.equal(false);
    expect(socket.connected).to.equal(false);
    expect(fake.calls).to.deep.equal([]);
  });

  it('loads the client once at the first listener, hands over the listeners and connects', async () => {
    const { socket, fake, loads } = lazy();
    socket.reconnect();
    const heard: string[] = [];
    const onConnect = () => heard.push('connect');
    socket.on('connect', onConnect);
    socket.on('hello', () => heard.push('hello'));
    socket.off('connect', onConnect);
    socket.on('connect', () => heard.push('connect again'));
    await settle();
    expect(loads()).to.equal(1);
    expect(fake.calls).to.deep.equal(['on connect', 'on hello', 'connect']);
    expect(heard).to.deep.equal(['connect again']);
    expect(socket.connected).to.equal(true);
  });

  it('sends what was sent before the client loaded, and sends directly afterwards', async () => {
    const { socket, fake } = lazy();
    socket.emit('typing', { conversationId: 'c1' });
    await settle();
    socket.emit('typing', { conversationId: 'c2' });
    expect(fake.calls).to.deep.equal([
      'emit typing {"conversationId":"c1"}',
      'emit typing {"conversationId":"c2"}',
    ]);
  });

  it('does not connect a loaded client the provider has not asked for, and reconnects on request', async () => {
    const { socket, fake } = lazy();
    socket.on('hello', () => {});
    await settle();
    expect(fake.calls).to.deep.equal(['on hello']);
    socket.reconnect();
    socket.close();
    expect(fake.calls).to.deep.equal(['on hello', 'disconnect', 'connect', 'disconnect']);
  });

  it('tries the download again after it failed', async () => {
    let attempts = 0;
    const fake = new FakeIoSocket();
    const socket = new LazySocket(() => {
      attempts += 1;
      return attempts === 1
        ? Promise.reject(new Error('offline'))
        : Promise.resolve(fake as unknown as IoSocket);
    });
    socket.on('hello', () => {});
    await settle();
    expect(socket.started).to.equal(false);
    socket.on('connect', () => {});
    await settle();
    expect(attempts).to.equal(2);
    expect(fake.calls).to.deep.equal(['on hello', 'on connect']);
  });
});
