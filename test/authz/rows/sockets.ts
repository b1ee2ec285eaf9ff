import { randomUUID } from 'node:crypto';
import {
  AUTHZ_ACTORS,
  receivers,
  type AuthzActor,
  type AuthzClientEventRow,
  type AuthzEventRow,
} from '../matrix';

const all = (answer: string, overrides: Partial<Record<AuthzActor, string>> = {}) => ({
  ...(Object.fromEntries(AUTHZ_ACTORS.map((actor) => [actor, answer])) as Record<AuthzActor, string>),
  ...overrides,
});

/**
 * What each client event answers about a thread or conversation that does not exist: nobody may watch
 * or join it, visitors may not take part in conversations at all, and leaving a room one is not in is
 * harmless.
 */
export const clientEventRows: AuthzClientEventRow[] = [
  {
    event: 'thread:watch',
    payload: () => ({ threadId: randomUUID() }),
    expect: all('not_found'),
  },
  {
    event: 'thread:unwatch',
    payload: () => ({ threadId: randomUUID() }),
    expect: all('ok'),
  },
  {
    event: 'conversation:join',
    payload: () => ({ conversationId: randomUUID() }),
    expect: all('not_found', { anonymous: 'unauthenticated' }),
  },
  {
    event: 'typing',
    payload: () => ({ conversationId: randomUUID() }),
    expect: all('not_found', { anonymous: 'unauthenticated' }),
  },
];

/** What the server sends on any connection, whoever opens it. */
export const eventRows: AuthzEventRow[] = [
  {
    event: 'hello',
    // Every actor's socket connects again (with the same cookie): the handshake is the trigger. Each
    // hello names the actor's own member (none for the visitor), pending and suspended ones included.
    async trigger(ctx, _target, sockets) {
      const wrong: string[] = [];
      await Promise.all(
        AUTHZ_ACTORS.map(
          (actor) =>
            new Promise<void>((resolve, reject) => {
              const socket = sockets[actor];
              socket.once('hello', ({ userId }) => {
                if (userId !== (ctx.memberIds[actor] ?? null)) wrong.push(`${actor}: ${String(userId)}`);
                resolve();
              });
              socket.once('connect_error', reject);
              socket.disconnect().connect();
            }),
        ),
      );
      if (wrong.length) throw new Error(`hello named another member: ${wrong.join(', ')}`);
    },
    receives: receivers(...AUTHZ_ACTORS),
  },
];
