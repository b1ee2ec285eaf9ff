import { Router } from 'express';
import {
  appealSchema,
  createFlagSchema,
  publicLogQuerySchema,
  type NoticeListResponse,
} from '@shared/api/moderation';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import { idParam } from '@server/forum/forum.http';
import type { FlagService } from './flag.service';
import type { NoticeService } from './notice.service';
import type { LogService } from './log.service';
import type { ApplyEffects } from './moderation.events';

/** The members' side of moderation: flags, their own notices and appeals, and the public log. */
export function memberModerationRoutes(deps: {
  flags: FlagService;
  notices: NoticeService;
  log: LogService;
  apply: ApplyEffects;
}): Router {
  const router = Router();

  router.post('/flags', requireMember(), async (req, res) => {
    const input = parseInput(createFlagSchema, req.body);
    const done = await deps.flags.flag(currentMember(req), input);
    await deps.apply(done.effects);
    res.status(201).json(done.result);
  });

  router.get('/notices', requireMember(), async (req, res) => {
    const body: NoticeListResponse = { items: await deps.notices.list(currentMember(req)) };
    res.json(body);
  });

  router.post('/notices/:id/appeal', requireMember(), async (req, res) => {
    const id = idParam(req);
    const input = parseInput(appealSchema, req.body);
    const done = await deps.notices.appeal(currentMember(req), id, input.body);
    await deps.apply(done.effects);
    res.status(201).json({ notice: done.result });
  });

  router.get('/moderation-log', async (req, res) => {
    const query = parseInput(publicLogQuerySchema, req.query);
    res.json(await deps.log.publicLog(query));
  });

  return router;
}
