import { WebSocket, type RawData } from 'ws';

/**
 * A Socket.IO client spoken by hand on a raw WebSocket (Engine.IO protocol 4, Socket.IO protocol 5), for
 * sending what no well-behaved client library would: broken packets, unknown event names, frames past
 * the size limit. It answers the server's pings, connects to the main namespace and waits for `hello`.
 *
 * Engine.IO packets are one character of type (`0` open, `1` close, `2` ping, `3` pong, `4` message)
 * followed by data; a Socket.IO packet rides in a message: `2` event, `3` ack, with an optional ack id
 * before the JSON array (`42["event",{…}]`, `421["event",{…}]` asks for ack 1, answered `431[…]`).
 */
export class WireSocket {
  /** Engine.IO messages received (their text after the `4`), oldest first. */
  readonly received: string[] = [];
  /** Set once the connection is closed, with the WebSocket close code. */
  closedWith: number | undefined;
  private readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code) => {
        this.closedWith = code;
        this.wake();
        resolve(code);
      });
    });
    ws.on('error', () => {
      // A connection the server drops mid-frame may error before closing; the close is what counts.
    });
    ws.on('message', (data: RawData, binary) => {
      if (binary) return;
      const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Uint8Array)).toString(
        'utf8',
      );
      if (text === '2') ws.send('3');
      else if (text.startsWith('4')) this.received.push(text.slice(1));
      this.wake();
    });
  }

  /** Opens a WebSocket to the server at `baseUrl`, connects to `/` and resolves once `hello` arrived. */
  static async connect(baseUrl: string, headers: Record<string, string> = {}): Promise<WireSocket> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, { headers });
    const socket = new WireSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send('40');
    await socket.waitFor((message) => message.startsWith('2["hello"'), 5000);
    return socket;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Whether the connection is still open. */
  get open(): boolean {
    return this.closedWith === undefined && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one WebSocket frame as is: text (an Engine.IO packet, whatever it holds) or binary. */
  sendRaw(frame: string | Buffer): void {
    this.ws.send(frame, { binary: Buffer.isBuffer(frame) });
  }

  /** Resolves with the first message received that matches, or rejects after `ms` or on close. */
  async waitFor(match: (message: string) => boolean, ms: number): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      if (this.closedWith !== undefined) throw new Error(`closed (${this.closedWith}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`nothing matching within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves true once the server closed the connection, false if it is still open after `ms`. */
  async closedWithin(ms: number): Promise<boolean> {
    if (this.closedWith !== undefined) return true;
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      this.closed.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
    clearTimeout(timer);
    return result;
  }

  /** Closes the connection from this side. */
  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.terminate();
  }
}
