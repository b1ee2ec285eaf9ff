import net from 'node:net';
import { startTestApp, type TestApp } from './app';
import { createScratchDatabase } from './database';

/**
 * A TCP relay between the app and its PostgreSQL server that can be cut and restored: the database
 * going away as the app sees it (connections reset, new ones refused), with nothing of ours mocked.
 */
export function relay(target: { host: string; port: number }) {
  const open = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          open.add(socket);
          socket.on('close', () => open.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    async cut() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}

/** A relay that can be cut. */
export type Relay = ReturnType<typeof relay>;

/**
 * A test app on a scratch PostgreSQL database of the `DATABASE_URL` server, reached through a relay:
 * cutting `link` takes the database away from the app. `dispose` stops the app and drops the database.
 */
export async function appBehindRelay(
  databaseUrl: string,
  name: string,
): Promise<{ app: TestApp; link: Relay; dispose: () => Promise<void> }> {
  const scratch = await createScratchDatabase(databaseUrl, name);
  const url = new URL(scratch.url);
  const link = relay({ host: url.hostname, port: Number(url.port || 5432) });
  await link.listen();
  url.host = `127.0.0.1:${link.port}`;
  const app = await startTestApp({ DATABASE_URL: url.toString() });
  return {
    app,
    link,
    dispose: async () => {
      await app.dispose();
      await scratch.drop();
    },
  };
}
