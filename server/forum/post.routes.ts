import { Router } from 'express';
import {
  previewSchema,
  reactionSchema,
  updatePostSchema,
  type PostResponse,
  type PreviewResponse,
  type ReactionResponse,
  type RevisionListResponse,
} from '@shared/api/threads';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { PostService } from './post.service';
import { presentAuthor, presentPost, revealTo } from './thread.presenter';
import { announce, idParam, rejectLongBody } from './forum.http';

/** Editing, deleting and reacting to posts; revisions; the composer's preview. */
export function postRoutes(posts: PostService, broadcaster: Broadcaster): Router {
  const router = Router();

  router.patch('/posts/:id', requireMember(), async (req, res) => {
    const id = idParam(req);
    rejectLongBody(req.body);
    const input = parseInput(updatePostSchema, req.body);
    const edited = await posts.edit(currentMember(req), id, input.body);
    // Watchers get the placeholder of a hidden post, and nothing of one waiting for review.
    if (edited.post.hiddenReason !== 'pending_review') {
      announce(broadcaster, { updated: presentPost(edited.post, edited.reactions) });
    }
    const body: PostResponse = { post: presentPost(edited.post, edited.reactions, undefined, () => true) };
    res.json(body);
  });

  router.delete('/posts/:id', requireMember(), async (req, res) => {
    const removed = await posts.remove(currentMember(req), idParam(req));
    const post = presentPost(removed.post);
    if (removed.post.hiddenReason !== 'pending_review') {
      announce(broadcaster, { updated: post, thread: removed.thread });
    }
    const body: PostResponse = { post };
    res.json(body);
  });

  router.post('/posts/:id/reactions', requireMember(), async (req, res) => {
    const id = idParam(req);
    const input = parseInput(reactionSchema, req.body);
    const reacted = await posts.react(currentMember(req), id, input.kind);
    const post = presentPost(reacted.post, reacted.reactions, undefined, revealTo(req.user?.id, false));
    if (reacted.post.hiddenReason !== 'pending_review') {
      announce(broadcaster, { updated: presentPost(reacted.post, reacted.reactions) });
    }
    const body: ReactionResponse = { post, myReactions: reacted.mine };
    res.json(body);
  });

  router.get('/posts/:id/revisions', requireMember(), async (req, res) => {
    const rows = await posts.revisions(currentMember(req), idParam(req));
    const body: RevisionListResponse = {
      items: rows.map((row) => ({
        id: row.id,
        editor: presentAuthor({
          authorId: row.editorId,
          authorHandle: row.editorHandle,
          authorDisplayName: row.editorDisplayName,
          authorRole: row.editorRole,
        }),
        html: row.bodyHtml,
        source: row.bodySource,
        createdAt: row.createdAt.toISOString(),
      })),
    };
    res.json(body);
  });

  router.post('/preview', requireMember(), async (req, res) => {
    rejectLongBody(req.body);
    const input = parseInput(previewSchema, req.body);
    const body: PreviewResponse = {
      html: await posts.preview(currentMember(req), input.body, req.ip ?? 'unknown'),
    };
    res.json(body);
  });

  return router;
}
