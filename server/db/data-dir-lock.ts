import { chmod, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

// The embedded database's files may be opened by one process only. That process listens on a Unix
// socket in DATA_DIR: a second process finds it answering and keeps out, and `npm run backup` asks it
// for a consistent copy of the database while it keeps serving. Only whoever may read DATA_DIR (where
// the database files themselves lie) may connect: the socket is the owner's alone (mode 0600).

/** The longest socket path the kernels we run on accept (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 103;

/** The socket of the process that holds `dataDir`'s embedded database. */
export function ownerSocketPath(dataDir: string): string {
  return path.resolve(dataDir, 'agora.sock');
}

/** Thrown when another running process holds the embedded database of a DATA_DIR. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function isNobodyThere(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
}

/** Whether a live process answers on `socketPath` (a socket file left by a killed one does not). */
function isAnswering(socketPath: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (isNobodyThere(error)) resolve(false);
      else reject(error);
    });
  });
}

/** The claim on a DATA_DIR: released by `release()`; `socketPath` is null where no socket could be made. */
export interface DataDirClaim {
  socketPath: string | null;
  release(): Promise<void>;
}

/**
 * Claims `dataDir` for this process, or throws `DataDirInUseError` when a running process holds it.
 * While claimed, a client that sends `backup\n` receives `{"ok":true,"size":n}\n` and the `n` bytes of
 * `dump()`, or `{"ok":false,"error":"…"}\n`.
 */
export async function claimDataDir(dataDir: string, dump: () => Promise<Uint8Array>): Promise<DataDirClaim> {
  const socketPath = ownerSocketPath(dataDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) return { socketPath: null, async release() {} };
  if (await isAnswering(socketPath)) {
    throw new DataDirInUseError(
      `Another running process is using the embedded database in ${path.resolve(dataDir)} (${socketPath}).`,
    );
  }
  await rm(socketPath, { force: true });
  const server = net.createServer((connection) => {
    connection.on('error', () => connection.destroy());
    let request = '';
    connection.on('data', (chunk: Buffer) => {
      request += chunk.toString('utf8');
      if (!request.includes('\n')) {
        if (request.length > 64) connection.destroy();
        return;
      }
      connection.removeAllListeners('data');
      if (request.trim() !== 'backup') {
        connection.end(`${JSON.stringify({ ok: false, error: 'unknown request' })}\n`);
        return;
      }
      dump().then(
        (bytes) => {
          connection.write(`${JSON.stringify({ ok: true, size: bytes.byteLength })}\n`);
          connection.end(bytes);
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          connection.end(`${JSON.stringify({ ok: false, error: message })}\n`);
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(socketPath, 0o600);
  return {
    socketPath,
    async release() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketPath, { force: true });
    },
  };
}

/**
 * Asks the process holding `dataDir` for a copy of its database; null when no process holds it (then
 * the caller may open the files itself).
 */
export function requestDump(dataDir: string): Promise<Buffer | null> {
  const socketPath = ownerSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const connection = net.connect(socketPath);
    let connected = false;
    connection.once('connect', () => {
      connected = true;
      connection.write('backup\n');
    });
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && isNobodyThere(error)) resolve(null);
      else reject(error);
    });
    connection.once('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      let answer: { ok?: boolean; size?: number; error?: string } = {};
      try {
        answer = JSON.parse(all.subarray(0, newline).toString('utf8')) as typeof answer;
      } catch {
        // Reported below.
      }
      const body = all.subarray(newline + 1);
      if (answer.ok === true && newline !== -1 && body.length === answer.size) resolve(body);
      else
        reject(new Error(`the running server could not copy its database: ${answer.error ?? 'no answer'}`));
    });
  });
}
