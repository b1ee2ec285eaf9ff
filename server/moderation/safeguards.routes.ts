import { Router } from 'express';
import {
  applicationListQuerySchema,
  approveItemSchema,
  createWatchedWordSchema,
  declineApplicationSchema,
  heldPostsQuerySchema,
  type HeldPostListResponse,
  rejectItemSchema,
  watchedWordListQuerySchema,
  type ApplicationListResponse,
  type ItemDecisionResponse,
  type WatchedWordDto,
  type WatchedWordListResponse,
} from '@shared/api/safeguards';
import { parseInput } from '@server/http/validate';
import { currentMember, requireStaff, type SecondFactorCheck } from '@server/http/guards';
import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import { announce, idParam } from '@server/forum/forum.http';
import { presentPost } from '@server/forum/thread.presenter';
import type { PostService } from '@server/forum/post.service';
import type { ApplicationService } from './application.service';
import type { SafeguardService } from './safeguards.service';
import type { WatchedWordService } from './watched-words.service';
import type { WatchedWordRow } from './watched-words.queries';

const presentWord = (row: WatchedWordRow): WatchedWordDto => ({
  id: row.id,
  lang: row.lang,
  word: row.word,
  action: row.action,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Staff routes of the safeguards: membership applications, decisions on posts the safeguards queued,
 * and the watched words. Every route needs staff with a second factor; the services check scope.
 */
export function safeguardRoutes(deps: {
  twoFactor: SecondFactorCheck;
  applications: ApplicationService;
  safeguards: SafeguardService;
  words: WatchedWordService;
  posts: PostService;
  broadcaster: Broadcaster;
  /** Delivers the notifications a decision wrote to the members' open tabs. */
  publishNotifications: (sourceId: string) => void;
}): Router {
  const router = Router();
  const staff = requireStaff(deps.twoFactor);

  router.get('/moderation/applications', staff, async (req, res) => {
    const query = parseInput(applicationListQuerySchema, req.query);
    const body: ApplicationListResponse = await deps.applications.list(currentMember(req), query);
    res.json(body);
  });

  router.post('/moderation/applications/:id/approve', staff, async (req, res) => {
    const id = idParam(req);
    await deps.applications.approve(currentMember(req), id);
    deps.publishNotifications(id);
    res.json({ id, status: 'active' });
  });

  router.post('/moderation/applications/:id/decline', staff, async (req, res) => {
    const id = idParam(req);
    const input = parseInput(declineApplicationSchema, req.body);
    await deps.applications.decline(currentMember(req), id, input.reason);
    res.json({ id, status: 'pending', declined: true });
  });

  router.get('/moderation/held-posts', staff, async (req, res) => {
    const query = parseInput(heldPostsQuerySchema, req.query);
    const body: HeldPostListResponse = { items: await deps.safeguards.held(currentMember(req), query) };
    res.json(body);
  });

  router.post('/moderation/items/:id/approve', staff, async (req, res) => {
    const id = idParam(req);
    const input = parseInput(approveItemSchema, req.body);
    const decision = await deps.safeguards.approve(currentMember(req), id, input.version);
    if (decision.resolution === 'approved' && decision.published) {
      // Readers learn about the post only now; notifications go out through the forum's event.
      const { post, thread } = await deps.posts.published(decision.published);
      announce(deps.broadcaster, { created: presentPost(post), thread });
    }
    const body: ItemDecisionResponse = { id, status: 'resolved', resolution: 'approved' };
    res.json(body);
  });

  router.post('/moderation/items/:id/reject', staff, async (req, res) => {
    const id = idParam(req);
    const input = parseInput(rejectItemSchema, req.body);
    const decision = await deps.safeguards.reject(currentMember(req), id, input.reason);
    if (decision.noticeId) deps.publishNotifications(decision.noticeId);
    if (decision.removedVisiblePostId) {
      const now = await deps.posts.current(decision.removedVisiblePostId);
      if (now) announce(deps.broadcaster, { updated: presentPost(now.post), thread: now.thread });
    }
    if (decision.removedThreadId)
      await deps.broadcaster.revalidateRoom(rooms.thread(decision.removedThreadId));
    const body: ItemDecisionResponse = { id, status: 'resolved', resolution: 'rejected' };
    res.json(body);
  });

  router.get('/moderation/watched-words', staff, async (req, res) => {
    const query = parseInput(watchedWordListQuerySchema, req.query);
    const rows = await deps.words.list(currentMember(req), query.lang);
    const body: WatchedWordListResponse = { items: rows.map(presentWord) };
    res.json(body);
  });

  router.post('/moderation/watched-words', staff, async (req, res) => {
    const input = parseInput(createWatchedWordSchema, req.body);
    const row = await deps.words.add(currentMember(req), input);
    res.status(201).json({ word: presentWord(row) });
  });

  router.delete('/moderation/watched-words/:id', staff, async (req, res) => {
    await deps.words.remove(currentMember(req), idParam(req));
    res.status(204).end();
  });

  return router;
}
