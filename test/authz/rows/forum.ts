import {
  AUTHZ_ACTORS,
  everyone,
  membersOnly,
  probe,
  receivers,
  type AuthzContext,
  type AuthzEventRow,
  type AuthzRow,
} from '../matrix';
import { buildThread } from '../../helpers/factories';
import { signedInMember } from '../../helpers/messaging';

/**
 * The forum and search, asked about threads, posts and categories that do not exist: reading is open to
 * visitors; writing needs a signed-in member, and what the body or the missing target says comes after.
 */
export const rows: AuthzRow[] = [
  probe('get', '/categories', everyone(200)),
  probe('get', '/categories/:slug', everyone(404)),
  probe('get', '/categories/:slug/threads', everyone(404)),
  probe('get', '/threads', everyone(200)),
  probe('get', '/threads/featured', everyone(200)),
  probe('post', '/threads', membersOnly(400), {}),
  probe('get', '/threads/:id', everyone(404)),
  probe('patch', '/threads/:id', membersOnly(400), {}),
  // Missed posts need the position they follow (`after`).
  probe('get', '/threads/:id/posts', everyone(400)),
  probe('post', '/threads/:id/posts', membersOnly(400), {}),
  probe('post', '/threads/:id/accept', membersOnly(400), {}),
  probe('put', '/threads/:id/follow', membersOnly(404)),
  probe('delete', '/threads/:id/follow', membersOnly(404)),
  probe('put', '/threads/:id/read', membersOnly(400), {}),
  probe('patch', '/posts/:id', membersOnly(400), {}),
  // Members who may not write are refused before anything is looked up.
  probe('delete', '/posts/:id', membersOnly(404, { pending: 403, suspended: 403 })),
  probe('post', '/posts/:id/reactions', membersOnly(400), {}),
  probe('get', '/posts/:id/revisions', membersOnly(404)),
  probe('post', '/preview', membersOnly(400), {}),
  probe('get', '/search', everyone(400)),
  probe('get', '/search/suggest', everyone(400)),
];

/** A thread of `owner`'s in the matrix's public category, which every actor's socket asks to watch. */
async function ownersThread(ctx: AuthzContext): Promise<{ id: string; rootPostId: string }> {
  return buildThread(ctx.owner, { categoryId: ctx.category.id, kind: 'discussion' });
}

/**
 * A thread's live events go to whoever watches it: the thread is in a public category, so every
 * actor's `thread:watch` is accepted, the visitor's included, and every watcher hears it.
 */
const everyWatcher = receivers(...AUTHZ_ACTORS);

export const eventRows: AuthzEventRow[] = [
  {
    event: 'post:created',
    prepare: async (ctx) => ({ threadId: (await ownersThread(ctx)).id }),
    async trigger(ctx, { threadId }) {
      // Another member replies.
      const replier = await signedInMember(ctx.app.url);
      const res = await replier.client.send('post', `/api/v1/threads/${threadId}/posts`, {
        body: 'A reply from the matrix',
      });
      if (res.status !== 201) throw new Error(`reply answered ${res.status}`);
    },
    receives: everyWatcher,
  },
  {
    event: 'post:updated',
    async prepare(ctx) {
      const thread = await ownersThread(ctx);
      return { threadId: thread.id, postId: thread.rootPostId };
    },
    async trigger(ctx, { postId }) {
      // The author edits the opening post.
      const res = await ctx.clients.owner.send('patch', `/api/v1/posts/${postId ?? ''}`, {
        body: 'The opening post, edited by its author',
      });
      if (res.status !== 200) throw new Error(`edit answered ${res.status}`);
    },
    receives: everyWatcher,
  },
  {
    event: 'thread:updated',
    prepare: async (ctx) => ({ threadId: (await ownersThread(ctx)).id }),
    async trigger(ctx, { threadId }) {
      // The author retitles the thread.
      const res = await ctx.clients.owner.send('patch', `/api/v1/threads/${threadId}`, {
        title: 'A clearer title from its author',
      });
      if (res.status !== 200) throw new Error(`retitle answered ${res.status}`);
    },
    receives: everyWatcher,
  },
];
