// `npm run seed`: fills an empty database with the demo content; a database with data is left alone.
import { loadConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { openDatabase } from '@server/db/open';
import { createMemberService } from '@server/members/member.service';
import { createCategoryService } from '@server/forum/category.service';
import { createDirectoryService } from '@server/directory/directory.service';
import { createProfileService } from '@server/directory/profile.service';
import { createAvatarStorage } from '@server/directory/avatar.storage';
import { seedDemoIfEmpty } from './demo';

const logger = createLogger('warn');
const config = loadConfig();
const database = await openDatabase(config, logger);
try {
  const report = await seedDemoIfEmpty(
    {
      members: createMemberService(database.db),
      categories: createCategoryService(database.db),
      profiles: createProfileService(
        database.db,
        createDirectoryService(database.db),
        createAvatarStorage(config.dataDir),
      ),
    },
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
