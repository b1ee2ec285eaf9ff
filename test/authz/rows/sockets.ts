import { AUTHZ_ACTORS, receivers, type AuthzEventRow } from '../matrix';

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
