import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A port nobody listens on now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real server as `npm start` runs it (`server/main.ts`, configured by the environment only), in a
 * child process that can be killed without warning and started again on the same port and database.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  /** The last lines the server wrote (shown when it fails to start). */
  private output: string[] = [];
  /** How many times it was started. */
  starts = 0;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** Whether the child process is running (started and not exited since). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the server wrote to its standard output and error. */
  get lastLines(): string[] {
    return [...this.output];
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawns the server and resolves once `/readyz` answers 200 (migrations applied, database up). */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.child) throw new Error('the server is already running');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'main.ts')], {
      cwd: process.cwd(),
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    // Should the test process end first (a failure, mocha's exit), the server does not outlive it.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.output = this.output.slice(-40);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let gone = false;
    void this.exited.then(() => {
      gone = true;
    });

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (gone) throw new Error(`the server exited while starting:\n${this.output.join('\n')}`);
      try {
        const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    await this.kill9();
    throw new Error(`the server was not ready within ${timeoutMs} ms:\n${this.output.join('\n')}`);
  }

  /** `kill -9`: no shutdown hook runs, in-flight requests and transactions are cut where they are. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  /** A clean stop (SIGTERM), killed if it takes longer than `ms`. */
  async stop(ms = 20_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}
