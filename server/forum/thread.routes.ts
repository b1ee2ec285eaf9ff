import { threadApi } from '@shared/api/threads';
import type { RouteHandlers } from '@server/http/mount';
import type { ThreadService } from './thread.service';
import type { PostService } from './post.service';
import { presentPost, presentThread, revealTo } from './thread.presenter';
import { refusingLongBodies } from './forum.http';

/** The thread routes as mounted: a new thread's or reply's body over the limit is a 413. */
export const mountedThreadApi = refusingLongBodies(threadApi, ['create', 'reply']);

/** Thread lists, thread pages, new threads and replies, acceptance, following and read positions. */
export function threadHandlers(threads: ThreadService, posts: PostService): RouteHandlers<typeof threadApi> {
  return {
    categoryThreads: async ({ params, query, member, req }) => {
      const page = await threads.list(member ?? null, query, params.slug, req.locale);
      return { items: page.items.map(presentThread), nextCursor: page.nextCursor };
    },

    list: async ({ query, member }) => {
      const page = await threads.list(member ?? null, query);
      return { items: page.items.map(presentThread), nextCursor: page.nextCursor };
    },

    create: async ({ member, body }) => {
      const created = await threads.create(member, body);
      return {
        thread: presentThread(created.thread),
        post: presentPost(created.post, undefined, undefined, () => true),
      };
    },

    page: async ({ params, query, member }) => {
      const page = await threads.page(member ?? null, params.id, query);
      const { counts, mine } = page.reactions;
      const reveal = revealTo(member?.id, page.canModerate);
      return {
        thread: presentThread(page.thread),
        posts: page.posts.map((row) => presentPost(row, counts.get(row.id), page.badges, reveal)),
        acceptedPost: page.accepted
          ? presentPost(page.accepted, counts.get(page.accepted.id), page.badges, reveal)
          : null,
        myReactions: Object.fromEntries(mine),
        nextCursor: page.nextCursor,
        canModerate: page.canModerate,
      };
    },

    update: async ({ member, params, body }) => {
      const thread = await threads.update(member, params.id, body);
      return { thread: presentThread(thread) };
    },

    missed: async ({ params, query, member }) => {
      const missed = await posts.after(member ?? null, params.id, query.afterSeq, query.limit);
      const reveal = revealTo(member?.id, missed.moderates);
      return {
        items: missed.rows.map((row) =>
          presentPost(row, missed.tally.counts.get(row.id), missed.badges, reveal),
        ),
      };
    },

    reply: async ({ member, params, body }) => {
      const reply = await posts.reply(member, params.id, body);
      return { post: presentPost(reply.post, undefined, undefined, () => true) };
    },

    accept: async ({ member, params, body }) => {
      const thread = await threads.accept(member, params.id, body.postId);
      return { thread: presentThread(thread) };
    },

    follow: async ({ member, params }) => ({
      thread: presentThread(await threads.setFollowing(member, params.id, true)),
    }),

    unfollow: async ({ member, params }) => ({
      thread: presentThread(await threads.setFollowing(member, params.id, false)),
    }),

    read: async ({ member, params, body }) => ({
      lastReadSeq: await threads.markRead(member, params.id, body.seq),
    }),
  };
}
