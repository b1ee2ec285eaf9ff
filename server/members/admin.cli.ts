// `npm run admin -- promote <email>` / `demote <email>`: gives or takes the admin role from the command
// line, on the configured database (`DATABASE_URL`, or the embedded one in `DATA_DIR`). It is the way to
// an admin on a server without SMTP (where no link can prove an `ADMIN_EMAILS` address), and back in
// when no admin is left who can act. Each change is in the audit log, by the command line.
import { z } from 'zod';
import { fail } from '@server/cli';
import { loadConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { openDatabase } from '@server/db/open';
import { AppError } from '@server/errors';
import { findMemberByEmail } from './member.queries';
import { changeRoleInTx, grantAdminInTx } from './role.change';

const USAGE =
  'Usage: npm run admin -- promote <email>   (make the member an admin)\n' +
  '       npm run admin -- demote <email>    (make an admin or moderator an ordinary member)\n';

const [command, rawEmail, ...extra] = process.argv.slice(2);
if ((command !== 'promote' && command !== 'demote') || !rawEmail || extra.length > 0) fail(USAGE, 2);
const email = rawEmail.trim().toLowerCase();
if (!z.email().safeParse(email).success) fail(`${rawEmail} is not an e-mail address.\n${USAGE}`, 2);

const database = await openDatabase(loadConfig(), createLogger('warn'));
let message: string;
try {
  message = await database.db.transaction(async (tx) => {
    const member = await findMemberByEmail(tx, email);
    if (!member) throw new Error(`No account has the e-mail address ${email}.`);
    if (command === 'promote') {
      if (member.role === 'admin') return `${email} is already an admin.`;
      await grantAdminInTx(tx, member.id, 'command_line');
      return `${email} is now an admin.`;
    }
    if (member.role === 'member') return `${email} is already an ordinary member.`;
    await changeRoleInTx(tx, member.id, 'member', { actorId: null, via: 'command_line' });
    return `${email} is now a member (was ${member.role}).`;
  });
} catch (error) {
  await database.close();
  if (error instanceof AppError && error.code === 'last_admin') {
    fail(`${email} is the last admin: promote another member first.`, 1);
  }
  fail(error instanceof Error ? error.message : String(error), 1);
}
await database.close();
process.stdout.write(`${message}\n`);
