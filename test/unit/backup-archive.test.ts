import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { packTar, TarFormatError, unpackTar } from '@server/db/tar';
import { BackupError, restoreBackup } from '@server/db/backup';

const run = promisify(execFile);

/** The archive format of backups, and what a restore does with a file that only looks like one. */
describe('backup archives', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'agora-archive-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const entries = [
    { name: 'agora-backup.json', data: Buffer.from('{"format":"agora-embedded-backup"}\n') },
    { name: 'avatars/0123456789abcdef0123456789abcdef.webp', data: Buffer.alloc(1500, 7) },
    { name: 'empty', data: Buffer.alloc(0) },
  ];

  it('reads back what it writes, and system tar reads it too', async () => {
    const archive = packTar(entries);
    expect(archive.length % 512).to.equal(0);
    expect(unpackTar(archive).map((e) => [e.name, Buffer.from(e.data).toString('hex')])).to.deep.equal(
      entries.map((e) => [e.name, e.data.toString('hex')]),
    );
    const file = path.join(dir, 'plain.tar');
    await writeFile(file, archive);
    const listed = await run('tar', ['-tf', file]).catch(() => undefined);
    if (listed) expect(listed.stdout.trim().split('\n')).to.deep.equal(entries.map((e) => e.name));
  });

  it('refuses a damaged or cut archive', () => {
    const archive = packTar(entries);
    const damaged = Buffer.from(archive);
    damaged[10] = 0x41;
    expect(() => unpackTar(damaged)).to.throw(TarFormatError, 'damaged');
    expect(() => unpackTar(archive.subarray(0, 1024))).to.throw(TarFormatError, 'cut short');
    expect(() => unpackTar(Buffer.from('not a tar archive'.padEnd(600)))).to.throw(TarFormatError);
  });

  it('restores nothing from a tar file that is not a backup, or whose database is damaged', async function () {
    this.timeout(30_000);
    const foreign = path.join(dir, 'foreign.tar.gz');
    await writeFile(foreign, gzipSync(packTar([{ name: 'notes.txt', data: Buffer.from('hola') }])));
    let error: unknown;
    await restoreBackup(foreign, path.join(dir, 'a')).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(BackupError);
    expect((error as Error).message).to.include('is not an Ágora backup (no agora-backup.json');

    const damaged = path.join(dir, 'damaged.tar.gz');
    const manifest = { format: 'agora-embedded-backup', version: 1 };
    await writeFile(
      damaged,
      gzipSync(
        packTar([
          { name: 'agora-backup.json', data: Buffer.from(JSON.stringify(manifest)) },
          { name: 'database.tar', data: packTar([{ name: 'PG_VERSION', data: Buffer.from('17\n') }]) },
        ]),
      ),
    );
    error = undefined;
    await restoreBackup(damaged, path.join(dir, 'b')).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(BackupError);
    expect((error as Error).message).to.include('could not be restored');
    expect(await readdir(path.join(dir, 'b'))).to.deep.equal([]);
  });
});
