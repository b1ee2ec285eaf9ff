// `npm run seed`: fills an empty database with the demo content; a database with data is left alone.
import { loadConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { createEventPipeline } from '@server/events';
import { openDatabase } from '@server/db/open';
import { createMemberService } from '@server/members';
import { createForum } from '@server/forum';
import { createAvatarStorage, createDirectoryService, createProfileService } from '@server/directory';
import { createPrivacyService as createMessagingPrivacyService } from '@server/messaging';
import { seedDemoIfEmpty } from './demo';

const logger = createLogger('warn');
const config = loadConfig();
const database = await openDatabase(config, logger);
try {
  const members = createMemberService(database.db);
  // No listeners: demo content notifies nobody live (its notifications are not written either).
  const db = createEventPipeline(logger).bind(database.db);
  const forum = createForum(db, members, createDirectoryService(database.db), logger);
  const messagingPrivacy = createMessagingPrivacyService(database.db, members);
  const profiles = createProfileService(
    database.db,
    createDirectoryService(database.db),
    createAvatarStorage(config.dataDir),
    {
      mayMessage: (viewer, memberId) => messagingPrivacy.mayMessage(viewer, memberId),
      recentBy: (viewer, memberId) => forum.threads.recentBy(viewer, memberId),
    },
  );
  const report = await seedDemoIfEmpty({ members, ...forum, profiles }, logger);
  await forum.views.stop();
  process.stdout.write(
    report.seeded
      ? `Demo content created. Every demo account's password is: ${report.password}\n`
      : 'The database already has data: nothing was seeded.\n',
  );
} finally {
  await database.close();
}
