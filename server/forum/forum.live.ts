import type { EventListeners } from '@server/events';
import type { Broadcaster } from '@server/realtime/broadcast';
import { rooms } from '@server/realtime/rooms';
import type { PostService } from './post.service';
import type { ThreadService } from './thread.service';
import { presentPost } from './thread.presenter';
import { threadState } from './forum.http';

/**
 * What a thread's watchers are told once a change committed: the post as readers now see it (a
 * hidden post as its placeholder, nothing of one waiting for review), the thread's shared state, and
 * who may stay in its room when fewer people may read it.
 */
export function forumLive(deps: {
  threads: ThreadService;
  posts: PostService;
  broadcaster: Broadcaster;
}): EventListeners {
  const { broadcaster } = deps;

  const announceThread = async (threadId: string) => {
    const thread = await deps.threads.current(threadId);
    if (thread) broadcaster.toRoom(rooms.thread(threadId), 'thread:updated', { thread: threadState(thread) });
  };

  const announcePost = async (
    event: 'post:created' | 'post:updated',
    postId: string,
    threadChanged: boolean,
  ) => {
    const now = await deps.posts.current(postId);
    if (!now || now.post.hiddenReason === 'pending_review') return;
    const { threadId } = now.post;
    broadcaster.toRoom(rooms.thread(threadId), event, {
      threadId,
      post: presentPost(now.post, now.reactions),
    });
    if (threadChanged) {
      broadcaster.toRoom(rooms.thread(threadId), 'thread:updated', { thread: threadState(now.thread) });
    }
  };

  return {
    afterCommit: {
      'post.created': (event) => announcePost('post:created', event.postId, true),
      'post.updated': (event) => announcePost('post:updated', event.postId, event.threadChanged),
      'thread.updated': (event) => announceThread(event.threadId),
      'thread.access.narrowed': (event) => broadcaster.revalidateRoom(rooms.thread(event.threadId)),
      'category.access.changed': () => broadcaster.revalidateKind('thread'),
    },
  };
}
