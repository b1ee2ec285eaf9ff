import { Router } from 'express';
import {
  acceptSchema,
  createPostSchema,
  createThreadSchema,
  missedPostsQuerySchema,
  readPositionSchema,
  threadListQuerySchema,
  threadQuerySchema,
  updateThreadSchema,
  type CreateThreadResponse,
  type MissedPostsResponse,
  type PostResponse,
  type ThreadListResponse,
  type ThreadResponse,
} from '@shared/api/threads';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { ThreadService } from './thread.service';
import type { PostService } from './post.service';
import { presentPost, presentThread, revealTo } from './thread.presenter';
import { announce, idParam, rejectLongBody, slugParam } from './forum.http';

/** Thread lists, thread pages, new threads and replies, acceptance, following and read positions. */
export function threadRoutes(threads: ThreadService, posts: PostService, broadcaster: Broadcaster): Router {
  const router = Router();

  router.get('/categories/:slug/threads', async (req, res) => {
    const query = parseInput(threadListQuerySchema, req.query);
    const page = await threads.list(req.user ?? null, query, slugParam(req), req.locale);
    const body: ThreadListResponse = { items: page.items.map(presentThread), nextCursor: page.nextCursor };
    res.json(body);
  });

  router.get('/threads', async (req, res) => {
    const query = parseInput(threadListQuerySchema, req.query);
    const page = await threads.list(req.user ?? null, query);
    const body: ThreadListResponse = { items: page.items.map(presentThread), nextCursor: page.nextCursor };
    res.json(body);
  });

  router.post('/threads', requireMember(), async (req, res) => {
    rejectLongBody(req.body);
    const input = parseInput(createThreadSchema, req.body);
    const created = await threads.create(currentMember(req), input);
    const body: CreateThreadResponse = {
      thread: presentThread(created.thread),
      post: presentPost(created.post, undefined, undefined, () => true),
    };
    res.status(201).json(body);
  });

  router.get('/threads/:id', async (req, res) => {
    const id = idParam(req);
    const query = parseInput(threadQuerySchema, req.query);
    const page = await threads.page(req.user ?? null, id, query);
    const { counts, mine } = page.reactions;
    const reveal = revealTo(req.user?.id, page.canModerate);
    const body: ThreadResponse = {
      thread: presentThread(page.thread),
      posts: page.posts.map((row) => presentPost(row, counts.get(row.id), page.badges, reveal)),
      acceptedPost: page.accepted
        ? presentPost(page.accepted, counts.get(page.accepted.id), page.badges, reveal)
        : null,
      myReactions: Object.fromEntries(mine),
      nextCursor: page.nextCursor,
      canModerate: page.canModerate,
    };
    res.json(body);
  });

  router.patch('/threads/:id', requireMember(), async (req, res) => {
    const id = idParam(req);
    const input = parseInput(updateThreadSchema, req.body);
    const thread = await threads.update(currentMember(req), id, input);
    announce(broadcaster, { thread });
    res.json({ thread: presentThread(thread) });
  });

  router.get('/threads/:id/posts', async (req, res) => {
    const id = idParam(req);
    const query = parseInput(missedPostsQuerySchema, req.query);
    const missed = await posts.after(req.user ?? null, id, query.afterSeq, query.limit);
    const reveal = revealTo(req.user?.id, missed.moderates);
    const body: MissedPostsResponse = {
      items: missed.rows.map((row) =>
        presentPost(row, missed.tally.counts.get(row.id), missed.badges, reveal),
      ),
    };
    res.json(body);
  });

  router.post('/threads/:id/posts', requireMember(), async (req, res) => {
    const id = idParam(req);
    rejectLongBody(req.body);
    const input = parseInput(createPostSchema, req.body);
    const reply = await posts.reply(currentMember(req), id, input);
    // A reply waiting for review is the author's alone until a moderator approves it.
    if (!reply.held) announce(broadcaster, { created: presentPost(reply.post), thread: reply.thread });
    const body: PostResponse = { post: presentPost(reply.post, undefined, undefined, () => true) };
    res.status(201).json(body);
  });

  router.post('/threads/:id/accept', requireMember(), async (req, res) => {
    const id = idParam(req);
    const input = parseInput(acceptSchema, req.body);
    const thread = await threads.accept(currentMember(req), id, input.postId);
    announce(broadcaster, { thread });
    res.json({ thread: presentThread(thread) });
  });

  router.put('/threads/:id/follow', requireMember(), async (req, res) => {
    const thread = await threads.setFollowing(currentMember(req), idParam(req), true);
    res.json({ thread: presentThread(thread) });
  });

  router.delete('/threads/:id/follow', requireMember(), async (req, res) => {
    const thread = await threads.setFollowing(currentMember(req), idParam(req), false);
    res.json({ thread: presentThread(thread) });
  });

  router.put('/threads/:id/read', requireMember(), async (req, res) => {
    const id = idParam(req);
    const input = parseInput(readPositionSchema, req.body);
    const seq = await threads.markRead(currentMember(req), id, input.seq);
    res.json({ lastReadSeq: seq });
  });

  return router;
}
