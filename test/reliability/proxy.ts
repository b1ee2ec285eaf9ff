import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One server process behind the proxy. */
export interface Backend {
  /** What the proxy calls it: the `lb` cookie's value and the `X-Served-By` header's. */
  name: string;
  port: number;
}

/** The cookie that pins a client to one backend, as a load balancer's sticky-session cookie does. */
export const PIN_COOKIE = 'lb';
/**
 * The request header naming a test client, so that its WebSocket can be cut (`cut`). Only WebSockets
 * are tracked: a plain HTTP connection is kept alive and reused by whichever client asks next.
 */
export const CLIENT_HEADER = 'x-test-client';
/** The response header naming the backend that answered. */
export const SERVED_BY_HEADER = 'x-served-by';

const ENGINE_PATH = '/socket.io/';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * A small load balancer in front of several server processes, as production runs them: HTTP and
 * WebSocket requests go round-robin, except that an Engine.IO session (`sid`) stays on the process
 * that opened it (long polling needs every request of a session on one process: sticky sessions), and
 * a request carrying the `lb` cookie goes to the backend it names (how tests choose a process). It adds
 * `X-Forwarded-For` and answers with `X-Served-By`. `cut()` drops a client's WebSocket without a
 * word, as a network failure would.
 */
export class RoundRobinProxy {
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private turn = 0;
  /** Engine.IO session → backend index, learned from the answers to handshakes. */
  private readonly sessions = new Map<string, number>();
  /** A test client's open WebSockets (client side), by the name in its `x-test-client` header. */
  private readonly connections = new Map<string, Set<net.Socket>>();
  /** Requests (and WebSocket upgrades) each backend received. */
  readonly served: number[];
  /** WebSocket connections each backend received. */
  readonly upgrades: number[];
  private port = 0;

  constructor(private readonly backends: Backend[]) {
    this.served = backends.map(() => 0);
    this.upgrades = backends.map(() => 0);
    this.server = http.createServer((req, res) => this.forward(req, res));
    this.server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) =>
      this.tunnel(req, socket, head),
    );
    // Keep-alive connections from clients are kept open across requests, like a real balancer's.
    this.server.keepAliveTimeout = 30_000;
  }

  /** The address clients use. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on a free port of 127.0.0.1 (or `port`). */
  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const set of this.connections.values()) for (const socket of set) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  /** Which backend (index) the named Engine.IO session lives on, if the proxy saw its handshake. */
  backendOfSession(sid: string): number | undefined {
    return this.sessions.get(sid);
  }

  /** Destroys the open WebSockets of a test client: a network cut. Returns how many were cut. */
  cut(client: string): number {
    const set = this.connections.get(client);
    if (!set) return 0;
    const count = set.size;
    for (const socket of set) socket.destroy();
    set.clear();
    return count;
  }

  private track(req: http.IncomingMessage, socket: net.Socket): void {
    const client = req.headers[CLIENT_HEADER];
    if (typeof client !== 'string') return;
    let set = this.connections.get(client);
    if (!set) this.connections.set(client, (set = new Set()));
    if (set.has(socket)) return;
    set.add(socket);
    socket.once('close', () => set.delete(socket));
  }

  /** The backend for a request: its Engine.IO session's, the pinned one, or the next in turn. */
  private choose(req: http.IncomingMessage): number {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const sid = url.pathname.startsWith(ENGINE_PATH) ? url.searchParams.get('sid') : null;
    if (sid !== null) {
      const known = this.sessions.get(sid);
      if (known !== undefined) return known;
    }
    const pinned = cookieValue(req.headers.cookie, PIN_COOKIE);
    const index = this.backends.findIndex((backend) => backend.name === pinned);
    if (index >= 0) return index;
    this.turn = (this.turn + 1) % this.backends.length;
    return this.turn;
  }

  private forwardedFor(req: http.IncomingMessage): string {
    const previous = req.headers['x-forwarded-for'];
    const peer = req.socket.remoteAddress ?? '127.0.0.1';
    return previous ? `${String(previous)}, ${peer}` : peer;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, retry = true): void {
    const index = this.choose(req);
    const backend = this.backends[index]!;
    this.served[index]! += 1;
    const url = new URL(req.url ?? '/', 'http://proxy');
    // The answer to an Engine.IO handshake names the session: read it to keep the session sticky.
    const handshake = url.pathname.startsWith(ENGINE_PATH) && !url.searchParams.has('sid');
    let answered = false;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': this.forwardedFor(req) },
        agent: this.agent,
      },
      (answer) => {
        answered = true;
        const headers = { ...answer.headers, [SERVED_BY_HEADER]: backend.name };
        if (!handshake || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          // An answer cut short by the backend must not leave the client waiting for the rest.
          answer.on('aborted', () => res.destroy());
          answer.on('error', () => res.destroy());
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const sid = /"sid":"([^"]+)"/.exec(body.toString('utf8'))?.[1];
          if (sid) this.sessions.set(sid, index);
          res.writeHead(answer.statusCode ?? 200, headers);
          res.end(body);
        });
        answer.on('error', () => res.destroy());
      },
    );
    // A client that went away frees the connection to the backend instead of leaving it half read.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('error', () => {
      // A kept-alive connection the backend had just closed fails before any answer: like nginx's
      // `proxy_next_upstream error`, a request without a body is sent once more.
      if (!answered && retry && (req.method === 'GET' || req.method === 'HEAD')) {
        this.forward(req, res, false);
        return;
      }
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain', [SERVED_BY_HEADER]: backend.name });
        res.end('bad gateway');
      } else res.destroy();
    });
    if (req.method === 'GET' || req.method === 'HEAD') upstream.end();
    else req.pipe(upstream);
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    this.track(req, client);
    const index = this.choose(req);
    const backend = this.backends[index]!;
    this.served[index]! += 1;
    this.upgrades[index]! += 1;
    const upstream = net.connect(backend.port, '127.0.0.1');
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    client.on('close', drop);
    upstream.on('error', drop);
    upstream.on('close', drop);
    upstream.once('connect', () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i]!;
        if (name.toLowerCase() === 'x-forwarded-for') continue;
        lines.push(`${name}: ${req.rawHeaders[i + 1] ?? ''}`);
      }
      lines.push(`X-Forwarded-For: ${this.forwardedFor(req)}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  }
}
