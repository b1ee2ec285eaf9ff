import { Router, type Request } from 'express';
import type { z } from 'zod';
import {
  assignSchema,
  auditQuerySchema,
  editContentSchema,
  noteSchema,
  optionalReasonSchema,
  queueQuerySchema,
  reasonSchema,
  suspendSchema,
  warnSchema,
  type ItemAction,
  type ModeratorListResponse,
  type QueueItemResponse,
} from '@shared/api/moderation';
import { parseInput } from '@server/http/validate';
import { currentMember, requireStaff, type SecondFactorCheck } from '@server/http/guards';
import { idParam } from '@server/forum/forum.http';
import type { QueueService } from './queue.service';
import type { ActionInput, ActionService } from './actions.service';
import type { LogService } from './log.service';
import type { ApplyEffects } from './moderation.events';

/** Each item action and the schema of its body. */
const ITEM_ACTION_SCHEMAS: Record<ItemAction, z.ZodType<ActionInput>> = {
  dismiss: optionalReasonSchema,
  hide: optionalReasonSchema,
  unhide: optionalReasonSchema,
  delete: reasonSchema,
  edit: editContentSchema,
  warn: warnSchema,
  suspend: suspendSchema,
  reinstate: optionalReasonSchema,
  uphold: optionalReasonSchema,
  overturn: optionalReasonSchema,
};

const MEMBER_ACTION_SCHEMAS = {
  warn: warnSchema,
  suspend: suspendSchema,
  reinstate: optionalReasonSchema,
} as const;

/** The staff side of moderation under `/api/v1/moderation/…`: the queue, items, actions, the audit log. */
export function moderationRoutes(deps: {
  queue: QueueService;
  actions: ActionService;
  log: LogService;
  twoFactor: SecondFactorCheck;
  apply: ApplyEffects;
}): Router {
  const router = Router();
  const staff = requireStaff(deps.twoFactor);

  router.get('/moderation/queue', staff, async (req, res) => {
    const query = parseInput(queueQuerySchema, req.query);
    res.json(await deps.queue.list(currentMember(req), query));
  });

  router.get('/moderation/moderators', staff, async (req, res) => {
    const body: ModeratorListResponse = { items: await deps.queue.moderators(currentMember(req)) };
    res.json(body);
  });

  router.get('/moderation/items/:id', staff, async (req, res) => {
    const body: QueueItemResponse = { detail: await deps.queue.detail(currentMember(req), idParam(req)) };
    res.json(body);
  });

  router.post('/moderation/items/:id/assign', staff, async (req, res) => {
    const id = idParam(req);
    const input = parseInput(assignSchema, req.body);
    const done = await deps.queue.assign(currentMember(req), id, input.assigneeId);
    await deps.apply(done.effects);
    res.json({ detail: await deps.queue.detail(currentMember(req), id) });
  });

  router.post('/moderation/items/:id/notes', staff, async (req, res) => {
    const id = idParam(req);
    const input = parseInput(noteSchema, req.body);
    res.status(201).json({ note: await deps.queue.addNote(currentMember(req), id, input.body) });
  });

  for (const action of Object.keys(ITEM_ACTION_SCHEMAS) as ItemAction[]) {
    router.post(`/moderation/items/:id/${action}`, staff, async (req: Request, res) => {
      const id = idParam(req);
      const input = parseInput(ITEM_ACTION_SCHEMAS[action], req.body);
      const done = await deps.actions.onItem(currentMember(req), id, action, input);
      await deps.apply(done.effects);
      const body: QueueItemResponse = { detail: await deps.queue.detail(currentMember(req), id) };
      res.json(body);
    });
  }

  for (const action of Object.keys(MEMBER_ACTION_SCHEMAS) as (keyof typeof MEMBER_ACTION_SCHEMAS)[]) {
    router.post(`/moderation/members/:id/${action}`, staff, async (req: Request, res) => {
      const id = idParam(req);
      const input = parseInput(MEMBER_ACTION_SCHEMAS[action], req.body) as ActionInput;
      const done = await deps.actions.onMember(currentMember(req), id, action, input);
      await deps.apply(done.effects);
      res.json({ ok: true });
    });
  }

  router.get('/moderation/audit', staff, async (req, res) => {
    const query = parseInput(auditQuerySchema, req.query);
    res.json(await deps.log.audit(currentMember(req), query));
  });

  return router;
}
