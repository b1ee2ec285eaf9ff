import { randomUUID } from 'node:crypto';
import {
  AUTHZ_ACTORS,
  acks,
  everyone,
  membersOnly,
  probe,
  receivers,
  type AuthzActor,
  type AuthzClientEventRow,
  type AuthzContext,
  type AuthzEventRow,
  type AuthzRow,
} from '../matrix';
import type { ReadAccess } from '@shared/api/categories';
import { buildCategory, buildMember, buildReply, buildThread } from '../../helpers/factories';
import { signedInMember } from '../../helpers/messaging';

/**
 * A fresh question of `owner`'s in the matrix's category, with a reply of `owner`'s and one of another
 * member's; the row's `:id` is the thread, or (under `/posts/`) the owner's reply.
 */
async function ownersQuestion(ctx: AuthzContext) {
  const thread = await buildThread(ctx.owner, { categoryId: ctx.category.id, kind: 'question' });
  const own = await buildReply(ctx.owner, thread.id);
  const theirs = await buildReply(await buildMember(), thread.id);
  return { threadId: thread.id, postId: own.id, replyId: theirs.id };
}

/** A category of each restricted reading level, made once per app. */
const restricted = new WeakMap<object, Map<ReadAccess, Promise<{ id: string; slug: string }>>>();

/** The category, made once per app, that only members (or only its moderators) read. */
function categoryOf(ctx: AuthzContext, access: Exclude<ReadAccess, 'public'>) {
  let categories = restricted.get(ctx.app.db);
  if (!categories) restricted.set(ctx.app.db, (categories = new Map()));
  let category = categories.get(access);
  if (!category) categories.set(access, (category = buildCategory({ readAccess: access })));
  return category;
}

/** A fresh thread, by an admin, in a category only members (or only its moderators) read. */
async function threadIn(ctx: AuthzContext, access: Exclude<ReadAccess, 'public'>): Promise<string> {
  const author = await buildMember({ role: 'admin', secondFactor: true });
  const category = await categoryOf(ctx, access);
  return (await buildThread(author, { categoryId: category.id, kind: 'discussion' })).id;
}

/** A row asking about the moderators-only category by its slug. */
function ofModeratorsCategory(path: string, expect: Record<AuthzActor, number>): AuthzRow {
  return {
    method: 'get',
    path: `/api/v1${path}`,
    prepare: async (ctx) => ({
      url: `/api/v1${path.replace(':slug', (await categoryOf(ctx, 'moderators')).slug)}`,
    }),
    expect,
  };
}

/** A row about a fresh thread of a members-only category. */
function ofMembersThread(
  method: AuthzRow['method'],
  path: string,
  expect: Record<AuthzActor, number>,
  body?: unknown,
): AuthzRow {
  return {
    method,
    path: `/api/v1${path}`,
    prepare: async (ctx) => ({
      url: `/api/v1${path.replace(':id', await threadIn(ctx, 'members'))}`,
      body,
    }),
    expect,
  };
}

/** Pending and suspended members read but may not write. */
const mayNotWrite = { pending: 403, suspended: 403 };

/**
 * Who reads a moderators-only category: its moderators and admins, with a second factor (staff powers
 * come with one: without it an admin reads what a member reads).
 */
const moderatorsRead = everyone(404, { moderator: 200, admin: 200 });

/**
 * The author, or staff of the thread's category acting on it; not a moderator of another category, and
 * not an admin without a second factor (403 second_factor_required).
 */
const authorOrModerator = membersOnly(403, { owner: 200, moderator: 200, admin: 200 });

/** A row about `owner`'s fresh question or reply, with a body made from the fixture. */
function ofOwner(
  method: AuthzRow['method'],
  path: string,
  expect: Record<AuthzActor, number>,
  body?: (fixture: Awaited<ReturnType<typeof ownersQuestion>>) => unknown,
): AuthzRow {
  return {
    method,
    path: `/api/v1${path}`,
    async prepare(ctx) {
      const fixture = await ownersQuestion(ctx);
      const id = path.startsWith('/posts/') ? fixture.postId : fixture.threadId;
      return { url: `/api/v1${path.replace(':id', id)}`, body: body?.(fixture) };
    },
    expect,
  };
}

/**
 * The forum and search. Threads and posts the author changes are `owner`'s (fresh for each actor);
 * reading a category or thread asks about a moderators-only one; replying, following and marking read
 * ask about a fresh thread of a members-only category. The other routes are asked about nothing, or
 * with bodies that fail validation: lists and search are open to visitors; the rest needs a member.
 */
export const rows: AuthzRow[] = [
  probe('get', '/categories', everyone(200)),
  ofModeratorsCategory('/categories/:slug', moderatorsRead),
  ofModeratorsCategory('/categories/:slug/threads', moderatorsRead),
  probe('get', '/threads', everyone(200)),
  probe('get', '/threads/featured', everyone(200)),
  // Starting a thread in the moderators-only category: for those who read it; to the others the
  // category is not a valid choice (400), and members who may not write are refused first (403).
  {
    method: 'post',
    path: '/api/v1/threads',
    prepare: async (ctx) => ({
      url: '/api/v1/threads',
      body: {
        categoryId: (await categoryOf(ctx, 'moderators')).id,
        title: `A staff thread from the matrix ${randomUUID().slice(0, 8)}`,
        body: 'Only moderators read this category.',
        kind: 'discussion',
      },
    }),
    expect: membersOnly(400, { ...mayNotWrite, moderator: 201, admin: 201 }),
  },
  // A thread in a moderators-only category, which other categories' moderators do not read either, nor
  // an admin without a second factor.
  {
    method: 'get',
    path: '/api/v1/threads/:id',
    prepare: async (ctx) => ({ url: `/api/v1/threads/${await threadIn(ctx, 'moderators')}` }),
    expect: moderatorsRead,
  },
  ofOwner('patch', '/threads/:id', authorOrModerator, () => ({
    title: 'A clearer title for the matrix',
  })),
  // A thread in a members-only category: what a reconnecting reader missed, for members only (pending
  // and suspended members read; they may not write).
  {
    method: 'get',
    path: '/api/v1/threads/:id/posts',
    prepare: async (ctx) => ({ url: `/api/v1/threads/${await threadIn(ctx, 'members')}/posts?afterSeq=0` }),
    expect: everyone(200, { anonymous: 404 }),
  },
  // Members who may not write are refused; the others reply.
  ofMembersThread('post', '/threads/:id/posts', membersOnly(201, mayNotWrite), {
    body: 'A reply from the matrix',
  }),
  // The question's author accepts a reply of someone else's.
  ofOwner('post', '/threads/:id/accept', authorOrModerator, ({ replyId }) => ({
    postId: replyId,
  })),
  ofMembersThread('put', '/threads/:id/follow', membersOnly(200)),
  ofMembersThread('delete', '/threads/:id/follow', membersOnly(200)),
  ofMembersThread('put', '/threads/:id/read', membersOnly(200), { seq: 1 }),
  ofOwner('patch', '/posts/:id', authorOrModerator, () => ({ body: 'Edited in the matrix' })),
  ofOwner('delete', '/posts/:id', authorOrModerator),
  // Anyone who may write reacts, to their own post too.
  ofOwner('post', '/posts/:id/reactions', membersOnly(200, mayNotWrite), () => ({
    kind: 'like',
  })),
  // Others' revisions are for staff with a second factor: without one an admin is refused like a member.
  ofOwner('get', '/posts/:id/revisions', authorOrModerator),
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

/**
 * Watching a thread: only those who may read it join its room (here a thread of a moderators-only
 * category); leaving a room one is not in is harmless.
 */
export const clientEventRows: AuthzClientEventRow[] = [
  {
    event: 'thread:watch',
    payload: async (ctx) => ({ threadId: await threadIn(ctx, 'moderators') }),
    expect: acks('not_found', { moderator: 'ok', admin: 'ok' }),
  },
  {
    event: 'thread:unwatch',
    payload: () => ({ threadId: randomUUID() }),
    expect: acks('ok'),
  },
];

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
