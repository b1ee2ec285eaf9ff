import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process';

const run = promisify(execFile);

/** Where Debian and Ubuntu install the server binaries (`postgresql-<version>`); the newest wins. */
const BIN_ROOT = '/usr/lib/postgresql';

/** The newest installed server's `bin` directory (initdb, pg_ctl), or undefined when there is none. */
export function postgresBinaries(): string | undefined {
  if (process.env.PG_BIN)
    return existsSync(path.join(process.env.PG_BIN, 'pg_ctl')) ? process.env.PG_BIN : undefined;
  if (!existsSync(BIN_ROOT)) return undefined;
  const versions = readdirSync(BIN_ROOT)
    .filter((v) => existsSync(path.join(BIN_ROOT, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(BIN_ROOT, versions[0], 'bin') : undefined;
}

/**
 * A PostgreSQL server of its own, created for one test in a temporary directory with the installed
 * binaries and listening on loopback on a free port, so that crashing it disturbs nothing else. The
 * server refuses to run as root: when the test runs as root, the cluster belongs to the `postgres`
 * operating-system user and every command runs as that user (`runuser`).
 */
export class PostgresInstance {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | undefined,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/postgres`: trust authentication on loopback only. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** Initializes a cluster in a new temporary directory and starts it. */
  static async create(bin: string): Promise<PostgresInstance> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'agora-pg-'));
    let asUser: string | undefined;
    if (os.userInfo().uid === 0) {
      asUser = 'postgres';
      const { stdout } = await run('id', ['-u', asUser]);
      const { stdout: gid } = await run('id', ['-g', asUser]);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const instance = new PostgresInstance(bin, dir, await freePort(), asUser);
    try {
      await instance.exec('initdb', [
        '--pgdata',
        instance.dataDir,
        '--username',
        'postgres',
        '--auth',
        'trust',
        '--encoding',
        'UTF8',
        '--locale',
        'C.UTF-8',
        // Only the initial files go unsynced (a throwaway cluster); the server itself keeps fsync on.
        '--no-sync',
      ]);
      await instance.start();
      // Should the test process end first (a failure, mocha's exit), the server does not outlive it.
      process.once('exit', instance.orphan);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return instance;
  }

  /** The command line of one of the server's tools, run as the cluster's owner. */
  private command(tool: string, args: string[]): [string, string[]] {
    const file = path.join(this.bin, tool);
    return this.asUser ? ['runuser', ['-u', this.asUser, '--', file, ...args]] : [file, args];
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const [command, argv] = this.command(tool, args);
    try {
      const { stdout } = await run(command, argv, { cwd: this.dir, timeout: 120_000 });
      return stdout;
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || stdout || String(error)}`, {
        cause: error,
      });
    }
  }

  /** Starts the server and waits until it accepts connections (after crash recovery, if any). */
  async start(): Promise<void> {
    await this.exec('pg_ctl', [
      'start',
      '--pgdata',
      this.dataDir,
      '--wait',
      '--timeout',
      '60',
      '--log',
      path.join(this.dir, 'server.log'),
      '--options',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c max_connections=60`,
    ]);
  }

  /**
   * `pg_ctl stop -m immediate`: every server process quits at once without a checkpoint, as in a crash;
   * the next start replays the write-ahead log.
   */
  async crash(): Promise<void> {
    await this.exec('pg_ctl', ['stop', '--pgdata', this.dataDir, '--mode', 'immediate', '--wait']);
  }

  /** Stops the server (if it runs) and deletes the cluster. */
  /** Stops the server at once, synchronously (from an `exit` handler); its directory stays behind. */
  private readonly orphan = () => {
    const [command, argv] = this.command('pg_ctl', ['stop', '--pgdata', this.dataDir, '--mode', 'immediate']);
    try {
      execFileSync(command, argv, { cwd: this.dir, stdio: 'ignore', timeout: 10_000 });
    } catch {
      // Not running.
    }
  };

  async destroy(): Promise<void> {
    process.off('exit', this.orphan);
    try {
      await this.exec('pg_ctl', ['stop', '--pgdata', this.dataDir, '--mode', 'fast', '--wait']);
    } catch {
      // Not running.
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
