import { categoryApi } from '@shared/api/categories';
import { curationApi } from '@shared/api/curation';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { MemberService } from '@server/members';
import type { Forum } from './forum';
import { categoryHandlers } from './category.routes';
import { curationHandlers } from './curation.routes';
import { mountedThreadApi, threadHandlers } from './thread.routes';
import { mountedPostApi, postHandlers } from './post.routes';
import { threadRoomAccess, threadSocket } from './thread.socket';
import { forumLive } from './forum.live';
import { forumData } from './forum.data';

/** The forum: categories, curation, threads and posts; thread rooms on the socket and what they hear. */
export function forumModule(deps: {
  forum: Pick<Forum, 'categories' | 'curation' | 'threads' | 'posts'>;
  members: MemberService;
  broadcaster: Broadcaster;
}): FeatureModule {
  const { categories, curation, threads, posts } = deps.forum;
  return {
    name: 'forum',
    routes: [
      apiRoutes(categoryApi, categoryHandlers(categories)),
      // Before the thread routes: `/threads/featured` is not a thread id.
      apiRoutes(curationApi, curationHandlers(curation)),
      apiRoutes(mountedThreadApi, threadHandlers(threads, posts)),
      apiRoutes(mountedPostApi, postHandlers(posts)),
    ],
    sockets: [threadSocket(threads, deps.members)],
    rooms: { thread: threadRoomAccess(threads, deps.members) },
    events: forumLive({ threads, posts, broadcaster: deps.broadcaster }),
    personalData: forumData,
  };
}
