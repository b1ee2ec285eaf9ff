import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import type pg from 'pg';
import { createDatabase } from '@server/db/pool';
import { createCategoryService } from '@server/forum/category.service';
import { ApiClient } from '../helpers/http';
import { sessionCookieFrom, type ClientSocket } from '../helpers/sockets';
import { PIN_COOKIE, SERVED_BY_HEADER } from './proxy';

/** A member registered through the API, with a browser-like client and its session cookie. */
export interface Person {
  id: string;
  email: string;
  password: string;
  client: ApiClient;
  /** `agora.sid=…` */
  cookie: string;
}

const PASSWORD = 'varios procesos, un solo foro';

/** Sends the client's next requests to the backend named `name` (the proxy's sticky cookie). */
export function pin(client: ApiClient, url: string, name: string): void {
  void client.agent.jar.setCookie(`${PIN_COOKIE}=${name}`, new URL(url).hostname, '/');
}

/** Which process answered a response that came through the proxy. */
export function servedBy(res: { headers: Record<string, unknown> }): string {
  return String(res.headers[SERVED_BY_HEADER]);
}

/** Registers a member through `url` (pinned to a backend when `backend` is given). */
export async function register(url: string, name: string, backend?: string): Promise<Person> {
  const client = new ApiClient(url);
  if (backend) pin(client, url, backend);
  const email = `${name}-${randomBytes(4).toString('hex')}@example.org`;
  const res = await client.send('post', '/api/v1/auth/register', {
    email,
    password: PASSWORD,
    displayName: name,
  });
  if (res.status !== 201) throw new Error(`register ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  await client.session();
  return {
    id: (res.body as { user: { id: string } }).user.id,
    email,
    password: PASSWORD,
    client,
    cookie: sessionCookieFrom(res),
  };
}

/** A public category written straight into the database (through the API it needs an administrator). */
export async function publicCategory(pool: pg.Pool, label: string): Promise<string> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`;
  return createCategoryService(createDatabase(pool)).create({
    slug,
    position: 100,
    defaultLocale: 'es',
    readAccess: 'public',
    translations: [
      { locale: 'es', name: `Foro ${slug}`, description: 'Varios procesos' },
      { locale: 'pt', name: `Fórum ${slug}`, description: 'Vários processos' },
      { locale: 'en', name: `Forum ${slug}`, description: 'Several processes' },
      { locale: 'fr', name: `Forum ${slug}`, description: 'Plusieurs processus' },
    ],
  });
}

/**
 * A socket through the proxy, as the web client opens one (long polling first, then the upgrade to a
 * WebSocket, unless `transports` says otherwise), pinned to a backend when `backend` is given, and
 * resolved on the server's `hello`.
 */
export function openSocket(
  url: string,
  options: { cookie?: string; backend?: string; transports?: ('polling' | 'websocket')[] } = {},
): Promise<ClientSocket> {
  const cookies = [options.cookie, options.backend ? `${PIN_COOKIE}=${options.backend}` : undefined];
  const cookie = cookies.filter(Boolean).join('; ');
  const socket: ClientSocket = io(url, {
    transports: options.transports ?? ['polling', 'websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('hello', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}
