// `npm run migrate`: applies pending migrations to the configured database, then exits.
import { loadConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { openDatabase } from './open';

const database = await openDatabase(loadConfig(), createLogger('warn'));
await database.close();
process.stdout.write('Migrations applied.\n');
