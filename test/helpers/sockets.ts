import { io, type Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { CookieAccessInfo } from 'cookiejar';
import type { ApiClient } from './http';
import type { ClientToServerEvents, HelloPayload, ServerToClientEvents } from '@shared/events';

/** A typed client socket, as the web client has. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The cookies an API client holds now, as a `Cookie` header (for sockets of the same session). */
export function cookieHeaderOf(client: ApiClient): string {
  const jar = (client.agent as unknown as { jar: { getCookies(a: unknown): { toValueString(): string } } })
    .jar;
  return jar.getCookies(CookieAccessInfo.All).toValueString();
}

/** The `name=value` of the session cookie set by a response (sign-in or registration). */
export function sessionCookieFrom(res: Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = cookies.find((cookie) => cookie.startsWith('agora.sid='));
  if (!session) throw new Error('the response set no session cookie');
  return session.split(';')[0] ?? '';
}

/** Opens a socket with the given headers and resolves with the server's `hello`, or rejects on refusal. */
export function connectSocket(
  url: string,
  headers: Record<string, string> = {},
  transport: 'websocket' | 'polling' = 'websocket',
): Promise<{ socket: ClientSocket; hello: HelloPayload }> {
  const socket: ClientSocket = io(url, {
    transports: [transport],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  return new Promise((resolve, reject) => {
    socket.once('hello', (hello) => resolve({ socket, hello }));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves when the socket is disconnected by the server, with the reason. */
export function nextDisconnect(socket: ClientSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}
