// `npm run restore -- <file>`: restores a backup made by `npm run backup` into DATA_DIR, which must be new
// or empty. Start the server on that DATA_DIR afterwards; it applies any newer migrations. A PostgreSQL
// server is restored with pg_restore (docs/deploying.md, "Backups and restore").
import { embeddedConfig, fail } from '@server/cli';
import { BackupError, restoreBackup } from './backup';
import { DataDirInUseError } from './data-dir-lock';

const USAGE = 'Usage: npm run restore -- <file>   (into DATA_DIR, which must be new or empty)\n';

const args = process.argv.slice(2);
const [file] = args;
if (args.length !== 1 || !file || file.startsWith('-')) fail(USAGE, 2);
const config = embeddedConfig(
  'restore a PostgreSQL server with pg_restore (see docs/deploying.md, "Backups and restore").',
);
try {
  const restored = await restoreBackup(file, config.dataDir);
  process.stdout.write(
    `Restored ${file} into ${config.dataDir}: ${restored.members} members, ${restored.threads} threads, ` +
      `${restored.posts} posts, ${restored.messages} messages (schema at migration ${restored.migrations}).\n`,
  );
} catch (error) {
  if (error instanceof BackupError || error instanceof DataDirInUseError) fail(error.message, 1);
  fail(`The restore failed: ${error instanceof Error ? error.message : String(error)}`, 1);
}
