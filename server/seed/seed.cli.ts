// `npm run seed`: fills an empty database with the demo content; a database with data is left alone.
import { loadConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { openDatabase } from '@server/db/open';
import { createMemberService } from '@server/members/member.service';
import { createCategoryService } from '@server/forum/category.service';
import { seedDemoIfEmpty } from './demo';

const logger = createLogger('warn');
const database = await openDatabase(loadConfig(), logger);
try {
  const report = await seedDemoIfEmpty(
    { members: createMemberService(database.db), categories: createCategoryService(database.db) },
    logger,
  );
  process.stdout.write(
    report.seeded
      ? `Demo content created. Every demo account's password is: ${report.password}\n`
      : 'The database already has data: nothing was seeded.\n',
  );
} finally {
  await database.close();
}
