// `npm run backup -- [file]`: writes a backup of the embedded database in DATA_DIR to `file` (by default
// agora-backup-<date>.tar.gz here), while the server runs or not. A PostgreSQL server is backed up with
// its own tools (docs/deploying.md, "Backups and restore").
import { open, rename, rm } from 'node:fs/promises';
import { embeddedConfig, fail } from '@server/cli';
import { BackupError, takeBackup } from './backup';
import { DataDirInUseError } from './data-dir-lock';

const USAGE = 'Usage: npm run backup -- [file]   (default: agora-backup-<date>.tar.gz)\n';

const args = process.argv.slice(2);
if (args.length > 1 || args[0]?.startsWith('-')) fail(USAGE, 2);
const config = embeddedConfig(
  'back up the PostgreSQL server with pg_dump -Fc (see docs/deploying.md, "Backups and restore").',
);
const file = args[0] ?? `agora-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
const partial = `${file}.partial`;
try {
  const { archive, live } = await takeBackup(config.dataDir);
  // Never over an existing file; complete or absent, never half-written.
  const handle = await open(partial, 'wx', 0o600);
  try {
    await handle.writeFile(archive);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file).catch(async (error: unknown) => {
    await rm(partial, { force: true });
    throw error;
  });
  const source = live ? 'from the running server' : 'with the server stopped';
  process.stdout.write(
    `Backup of ${config.dataDir} written to ${file} (${archive.length} bytes, ${source}).\n`,
  );
} catch (error) {
  if (error instanceof BackupError || error instanceof DataDirInUseError) fail(error.message, 1);
  if ((error as NodeJS.ErrnoException).code === 'EEXIST')
    fail(`${partial} already exists: is another backup running?`, 1);
  fail(`The backup failed: ${error instanceof Error ? error.message : String(error)}`, 1);
}
