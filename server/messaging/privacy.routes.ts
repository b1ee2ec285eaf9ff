import { Router } from 'express';
import { blockSchema, messagingSettingsSchema, type BlockListResponse } from '@shared/api/messaging';
import { currentMember, requireMember } from '@server/http/guards';
import { parseInput } from '@server/http/validate';
import type { PrivacyService } from './privacy.service';
import { idParam } from './messaging.events';

/** Blocks (`/blocks`) and who may start a conversation with the member (`/me/messaging`). */
export function privacyRoutes(privacy: PrivacyService): Router {
  const router = Router();
  router.use(['/blocks', '/me/messaging'], requireMember());

  router.get('/blocks', async (req, res) => {
    const body: BlockListResponse = { items: await privacy.listBlocked(currentMember(req)) };
    res.json(body);
  });

  router.post('/blocks', async (req, res) => {
    const input = parseInput(blockSchema, req.body);
    res.status(201).json({ member: await privacy.block(currentMember(req), input.memberId) });
  });

  router.delete('/blocks/:memberId', async (req, res) => {
    await privacy.unblock(currentMember(req), idParam(req, 'memberId'));
    res.status(204).end();
  });

  router.get('/me/messaging', async (req, res) => {
    res.json(await privacy.settings(currentMember(req)));
  });

  router.put('/me/messaging', async (req, res) => {
    const input = parseInput(messagingSettingsSchema, req.body);
    res.json(await privacy.saveSettings(currentMember(req), input.whoCanMessage));
  });

  return router;
}
