import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { openDatabase } from '@server/db/open';
import { auditLog, members } from '@server/db/schema';
import { createMemberService } from '@server/members/member.service';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { unique } from '../helpers/factories';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

describe('npm run admin (promote and demote from the command line)', function () {
  // Each run opens the database in a new process: on the embedded one that takes seconds.
  this.timeout(300_000);
  let scratch: ScratchDatabase | undefined;
  let dataDir: string;
  let env: Record<string, string>;
  const ana = `ana-${unique()}@example.org`;
  const bo = `bo-${unique()}@example.org`;

  /** Opens the same database the command uses (closing it again, as the embedded one takes one user). */
  const withDatabase = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const database = await openDatabase(parseConfig(env), createLogger('silent'));
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  };

  /** Runs the command as an operator would, in a process of its own. */
  const admin = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(TSX, ['server/members/admin.cli.ts', ...args], { env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });

  before(async () => {
    if (process.env.DATABASE_URL) scratch = await createScratchDatabase(process.env.DATABASE_URL, 'cli');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-cli-'));
    env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: scratch?.url ?? '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 'a-session-secret-for-the-command-line-test',
    };
    await withDatabase(async ({ db }) => {
      const service = createMemberService(db);
      for (const [email, displayName] of [
        [ana, 'Ana Operadora'],
        [bo, 'Bo Segundo'],
      ] as const) {
        await service.create({
          email,
          passwordHash: null,
          displayName,
          role: 'member',
          status: 'pending',
          locale: 'es',
        });
      }
    });
  });
  after(async () => {
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('explains its use, and names an unknown e-mail (changing nothing: see the audit log below)', async () => {
    const usage = await admin('crown', ana);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.contain('npm run admin -- promote <email>');
    const invalid = await admin('promote', 'not-an-address');
    expect(invalid.code).to.equal(2);
    expect(invalid.stderr).to.contain('not-an-address is not an e-mail address');

    const unknown = await admin('promote', 'nobody@example.org');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('No account has the e-mail address nobody@example.org');
  });

  it('promotes a member (activating an account awaiting approval) and records it as the command line’s', async () => {
    const promoted = await admin('promote', ana.toUpperCase());
    expect(promoted.code, promoted.stderr).to.equal(0);
    expect(promoted.stdout).to.contain(`${ana} is now an admin`);
    expect((await admin('promote', ana)).stdout).to.contain(`${ana} is already an admin`);

    await withDatabase(async ({ db }) => {
      const [row] = await db.select().from(members).where(eq(members.email, ana));
      expect(row).to.include({ role: 'admin', status: 'active' });
      const entries = await db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(entries).to.have.length(1);
      expect(entries[0]).to.include({ actorId: null, action: 'member.role', targetId: row?.id });
      expect(entries[0]?.after).to.deep.equal({ role: 'admin', scopes: null, via: 'command_line' });
    });
  });

  it('demotes an admin, but never the last one', async () => {
    const last = await admin('demote', ana);
    expect(last.code).to.equal(1);
    expect(last.stderr).to.contain('the last admin');

    expect((await admin('promote', bo)).code).to.equal(0);
    const demoted = await admin('demote', ana);
    expect(demoted.code, demoted.stderr).to.equal(0);
    expect(demoted.stdout).to.contain(`${ana} is now a member`);
    await withDatabase(async ({ db }) => {
      const rows = await db.select().from(members).orderBy(asc(members.email));
      expect(rows.map((row) => [row.email, row.role])).to.deep.equal([
        [ana, 'member'],
        [bo, 'admin'],
      ]);
      const entries = await db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(entries.map((entry) => entry.after)).to.deep.equal([
        { role: 'admin', scopes: null, via: 'command_line' },
        { role: 'admin', scopes: null, via: 'command_line' },
        { role: 'member', scopes: null, via: 'command_line' },
      ]);
    });
  });
});
