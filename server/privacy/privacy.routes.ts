import { Router } from 'express';
import { deleteAccountSchema } from '@shared/api/directory';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import type { Broadcaster } from '@server/realtime/broadcast';
import { SESSION_COOKIE } from '@server/auth/session';
import { requireFreshProof } from '@server/auth/reauth';
import type { PrivacyService } from './privacy.service';

/** "Your data": the archive download and account deletion. */
export function privacyRoutes(privacy: PrivacyService, broadcaster: Broadcaster): Router {
  const router = Router();

  router.get('/me/export', requireMember(), async (req, res) => {
    const archive = await privacy.exportData(currentMember(req));
    const day = archive.exportedAt.slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="agora-data-${day}.json"`);
    res.type('application/json').send(JSON.stringify(archive, null, 2));
  });

  // The handle confirms the intent; the fresh proof (password and second factor) says it is the owner.
  router.delete('/me', requireFreshProof(), async (req, res) => {
    const input = parseInput(deleteAccountSchema, req.body);
    const ended = await privacy.deleteAccount(currentMember(req), input);
    // The session rows are gone already; destroying this one clears it from the request too.
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    for (const sid of ended) broadcaster.disconnectSession(sid);
    res.status(204).end();
  });

  return router;
}
