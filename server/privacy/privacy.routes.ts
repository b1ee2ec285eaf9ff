import type { privacyApi } from '@shared/api/directory';
import type { RouteHandlers } from '@server/http/mount';
import { SESSION_COOKIE } from '@server/auth';
import type { PrivacyService } from './privacy.service';

/** "Your data": the archive download and account deletion. */
export function privacyHandlers(privacy: PrivacyService): RouteHandlers<typeof privacyApi> {
  return {
    exportData: async ({ member, res }) => {
      const archive = await privacy.exportData(member);
      const day = archive.exportedAt.slice(0, 10);
      res.setHeader('Content-Disposition', `attachment; filename="agora-data-${day}.json"`);
      return archive;
    },
    // The handle confirms the intent; the fresh proof (password and second factor) says it is the owner.
    deleteAccount: async ({ member, body, req, res }) => {
      await privacy.deleteAccount(member, body);
      // The session rows are gone already; destroying this one clears it from the request too.
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return undefined;
    },
  };
}
