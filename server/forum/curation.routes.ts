import { Router, type Request } from 'express';
import {
  curationReasonSchema,
  editThreadSchema,
  featuredQuerySchema,
  mergeThreadSchema,
  moveThreadSchema,
  pinThreadSchema,
  slowModeSchema,
  type CurationResponse,
  type FeaturedThreadsResponse,
} from '@shared/api/curation';
import { parseInput } from '@server/http/validate';
import { currentMember, requireStaff, type SecondFactorCheck } from '@server/http/guards';
import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import type { MemberRow } from '@server/members/member.queries';
import type { CurationService } from './curation.service';
import type { ThreadRow } from './thread.queries';
import { presentThread } from './thread.presenter';
import { announce, idParam } from './forum.http';

/**
 * Moderators' thread tools under `/moderation/threads/:id/…` (staff with a second factor; the service
 * checks the moderator's categories), and the public list of featured threads.
 */
export function curationRoutes(
  curation: CurationService,
  twoFactor: SecondFactorCheck,
  broadcaster: Broadcaster,
): Router {
  const router = Router();
  const staff = requireStaff(twoFactor);

  router.get('/threads/featured', async (req, res) => {
    const query = parseInput(featuredQuerySchema, req.query);
    const page = await curation.featured(req.user ?? null, query);
    const body: FeaturedThreadsResponse = {
      items: page.items.map(presentThread),
      nextCursor: page.nextCursor,
    };
    res.json(body);
  });

  /** A curation action: run it, tell the thread's watchers, answer with the thread. */
  const action = (
    path: string,
    run: (member: MemberRow, id: string, body: unknown) => Promise<ThreadRow>,
    method: 'post' | 'patch' = 'post',
  ) => {
    router[method](`/moderation/threads/:id${path}`, staff, async (req: Request, res) => {
      const thread = await run(currentMember(req), idParam(req), req.body);
      announce(broadcaster, { thread });
      const body: CurationResponse = { thread: presentThread(thread) };
      res.json(body);
    });
  };
  const reasonOf = (body: unknown) => parseInput(curationReasonSchema, body).reason;

  action('/pin', (m, id, body) => {
    const input = parseInput(pinThreadSchema, body);
    return curation.pin(m, id, input.scope, input.reason);
  });
  action('/unpin', (m, id, body) => curation.unpin(m, id, reasonOf(body)));
  action('/feature', (m, id, body) => curation.setFeatured(m, id, true, reasonOf(body)));
  action('/unfeature', (m, id, body) => curation.setFeatured(m, id, false, reasonOf(body)));
  action('/lock', (m, id, body) => curation.setLocked(m, id, true, reasonOf(body)));
  action('/unlock', (m, id, body) => curation.setLocked(m, id, false, reasonOf(body)));
  action('/close', (m, id, body) => curation.setClosed(m, id, true, reasonOf(body)));
  action('/reopen', (m, id, body) => curation.setClosed(m, id, false, reasonOf(body)));
  action('/slow-mode', (m, id, body) => {
    const input = parseInput(slowModeSchema, body);
    return curation.setSlowMode(m, id, input.minutes, input.reason);
  });
  action('', (m, id, body) => curation.edit(m, id, parseInput(editThreadSchema, body)), 'patch');

  router.post('/moderation/threads/:id/move', staff, async (req, res) => {
    const input = parseInput(moveThreadSchema, req.body);
    const thread = await curation.move(currentMember(req), idParam(req), input.categoryId, input.reason);
    announce(broadcaster, { thread });
    // Who may read the thread depends on where it went: watchers who no longer may leave its room.
    await broadcaster.revalidateRoom(rooms.thread(thread.id));
    const body: CurationResponse = { thread: presentThread(thread) };
    res.json(body);
  });

  router.post('/moderation/threads/:id/merge', staff, async (req, res) => {
    const input = parseInput(mergeThreadSchema, req.body);
    const { source, target } = await curation.merge(
      currentMember(req),
      idParam(req),
      input.targetId,
      input.reason,
    );
    announce(broadcaster, { thread: source });
    announce(broadcaster, { thread: target });
    await Promise.all([source, target].map((t) => broadcaster.revalidateRoom(rooms.thread(t.id))));
    const body: CurationResponse = { thread: presentThread(target) };
    res.json(body);
  });

  return router;
}
