import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { members } from '@server/db/schema';
import { createForum, type Forum } from '@server/forum/forum';
import { createMemberService } from '@server/members/member.service';
import { createDirectoryService } from '@server/directory/directory.service';
import { createLogger } from '@server/logger';
import { findMemberById, insertMember, type MemberRow } from '@server/members/member.queries';
import {
  everyone,
  membersOnly,
  receivers,
  staffOnly,
  type AuthzContext,
  type AuthzEventRow,
  type AuthzRequest,
  type AuthzRow,
} from '../matrix';
import { hashPassword } from '@server/auth/password';
import { insertNotice, noticesOf } from '@server/moderation/moderation.queries';
import { ApiClient } from '../../helpers/http';
import { quietDatabase, recordSecondFactor } from '../../helpers/factories';

/**
 * The moderation queue's routes in the authorization matrix: flags, the queue and its items, every
 * action, member-level actions, notices and appeals, the audit log and the public log. Targets are
 * created fresh in `ctx.category` for each actor.
 */

const forums = new WeakMap<object, Forum>();
const forumOf = (ctx: AuthzContext): Forum => {
  let forum = forums.get(ctx.app.db);
  if (!forum) {
    forum = createForum(
      quietDatabase(ctx.app.db),
      createMemberService(ctx.app.db),
      createDirectoryService(ctx.app.db),
      createLogger('silent'),
      {
        postLimits: { intervalSeconds: 0, newMemberIntervalSeconds: 0 },
      },
    );
    forums.set(ctx.app.db, forum);
  }
  return forum;
};

/** A fresh account straight in the database (authors, reporters and subjects never sign in here). */
async function person(ctx: AuthzContext, role: 'member' | 'admin' = 'member'): Promise<MemberRow> {
  const id = randomUUID().slice(0, 8);
  const row = await insertMember(ctx.app.db, {
    email: `authz-queue-${id}@example.org`,
    passwordHash: 'unused',
    handle: `authz_q_${id}`,
    displayName: `Authz ${id}`,
    role,
    status: 'active',
    locale: 'es',
  });
  if (role === 'member') return row;
  // Staff powers come with a second factor.
  await recordSecondFactor(row.id, ctx.app);
  return { ...row, twoFactorEnabled: true };
}

/** A fresh reply in `ctx.category`, by a fresh member unless an author is given. */
async function reply(ctx: AuthzContext, by?: MemberRow): Promise<{ postId: string; authorId: string }> {
  const forum = forumOf(ctx);
  const author = by ?? (await person(ctx));
  const { thread } = await forum.threads.create(
    author,
    {
      categoryId: ctx.category.id,
      title: `Authz ${randomUUID()}`,
      body: 'Opening post',
      kind: 'discussion',
      tags: [],
    },
    { rateLimit: false },
  );
  const { post } = await forum.posts.reply(
    author,
    thread.id,
    { body: 'A reply to flag' },
    { rateLimit: false },
  );
  return { postId: post.id, authorId: author.id };
}

/** A reply in `ctx.category`, flagged by a fresh member: its open queue item. */
async function flaggedItem(ctx: AuthzContext): Promise<{ itemId: string; authorId: string; postId: string }> {
  const { postId, authorId } = await reply(ctx);
  const reporter = await person(ctx);
  await ctx.app.moderation.flags.flag(reporter, { targetType: 'post', targetId: postId, reason: 'spam' });
  const page = await ctx.app.moderation.queue.list(await person(ctx, 'admin'), {
    status: 'active',
    kind: 'flag',
    targetType: 'post',
    assigned: 'any',
    limit: 50,
  });
  const item = page.items.find((i) => i.targetId === postId);
  if (!item) throw new Error('flag item not found');
  return { itemId: item.id, authorId, postId };
}

/** A suspended member's appeal: its queue item. */
async function appealItem(ctx: AuthzContext): Promise<string> {
  const admin = await person(ctx, 'admin');
  const member = await person(ctx);
  await ctx.app.moderation.actions.onMember(admin, member.id, 'suspend', { days: 1, reason: 'Authz' });
  const [notice] = await ctx.app.moderation.notices.list(member);
  if (!notice) throw new Error('no notice');
  await ctx.app.moderation.notices.appeal(member, notice.id, 'Please review');
  const page = await ctx.app.moderation.queue.list(admin, {
    status: 'active',
    kind: 'appeal',
    assigned: 'any',
    limit: 50,
  });
  const item = page.items.find((i) => i.subject?.id === member.id);
  if (!item) throw new Error('appeal item not found');
  return item.id;
}

/** Suspends a member straight in the database (what reinstating needs). */
async function suspended(ctx: AuthzContext, memberId: string): Promise<void> {
  await ctx.app.db
    .update(members)
    .set({ status: 'suspended', suspendedUntil: null, suspensionReason: 'Authz' })
    .where(eq(members.id, memberId));
}

const onItem = (
  action: string,
  body: unknown,
  otherScope = 404,
  make: (ctx: AuthzContext) => Promise<{ itemId: string; authorId: string }> = flaggedItem,
): AuthzRow => ({
  method: 'post',
  path: `/api/v1/moderation/items/:id/${action}`,
  async prepare(ctx): Promise<AuthzRequest> {
    const { itemId, authorId } = await make(ctx);
    if (action === 'reinstate') await suspended(ctx, authorId);
    return { url: `/api/v1/moderation/items/${itemId}/${action}`, body };
  },
  expect: staffOnly(200, otherScope),
});

const onMember = (action: string, body: unknown): AuthzRow => ({
  method: 'post',
  path: `/api/v1/moderation/members/:id/${action}`,
  async prepare(ctx): Promise<AuthzRequest> {
    const target = await person(ctx);
    if (action === 'reinstate') await suspended(ctx, target.id);
    return { url: `/api/v1/moderation/members/${target.id}/${action}`, body };
  },
  // Member-level actions need a moderator with no scope, or an admin.
  expect: staffOnly(200, 403),
});

const appealItemRef = async (ctx: AuthzContext) => ({ itemId: await appealItem(ctx), authorId: '' });

export const rows: AuthzRow[] = [
  {
    method: 'post',
    path: '/api/v1/flags',
    async prepare(ctx) {
      // A reply of `owner`'s, already flagged by someone else.
      const owner = await findMemberById(ctx.app.db, ctx.owner.id);
      if (!owner) throw new Error('no owner');
      const { postId } = await reply(ctx, owner);
      await ctx.app.moderation.flags.flag(await person(ctx), {
        targetType: 'post',
        targetId: postId,
        reason: 'spam',
      });
      return { url: '/api/v1/flags', body: { targetType: 'post', targetId: postId, reason: 'off_topic' } };
    },
    // Its author may not flag their own post.
    expect: membersOnly(201, { pending: 403, owner: 403, suspended: 403 }),
  },
  {
    method: 'get',
    path: '/api/v1/notices',
    prepare: () => Promise.resolve({ url: '/api/v1/notices' }),
    expect: membersOnly(200),
  },
  {
    method: 'post',
    path: '/api/v1/notices/:id/appeal',
    async prepare(ctx, actor) {
      const memberId = ctx.memberIds[actor];
      if (!memberId) return { url: `/api/v1/notices/${randomUUID()}/appeal`, body: { body: 'Please' } };
      // A removal notice of the actor's own, written as an action would.
      const { postId } = await reply(ctx);
      await insertNotice(ctx.app.db, {
        memberId,
        kind: 'removal',
        reason: 'Authz',
        targetType: 'post',
        targetId: postId,
        itemId: null,
        endsAt: null,
      });
      const [row] = await noticesOf(ctx.app.db, memberId, 1);
      if (!row) throw new Error('no notice');
      return { url: `/api/v1/notices/${row.notice.id}/appeal`, body: { body: 'Please review' } };
    },
    // Suspended members may appeal: reading and appealing are not writing in the forum.
    expect: membersOnly(201),
  },
  {
    method: 'get',
    path: '/api/v1/moderation-log',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation-log' }),
    expect: everyone(200),
  },
  {
    method: 'get',
    path: '/api/v1/moderation/queue',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation/queue' }),
    expect: staffOnly(200, 200),
  },
  {
    method: 'get',
    path: '/api/v1/moderation/moderators',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation/moderators' }),
    expect: staffOnly(200, 200),
  },
  {
    method: 'get',
    path: '/api/v1/moderation/audit',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation/audit' }),
    expect: staffOnly(200, 200),
  },
  {
    method: 'get',
    path: '/api/v1/moderation/items/:id',
    async prepare(ctx) {
      return { url: `/api/v1/moderation/items/${(await flaggedItem(ctx)).itemId}` };
    },
    expect: staffOnly(200, 404),
  },
  {
    method: 'post',
    path: '/api/v1/moderation/items/:id/assign',
    async prepare(ctx) {
      return { url: `/api/v1/moderation/items/${(await flaggedItem(ctx)).itemId}/assign`, body: {} };
    },
    expect: staffOnly(200, 404),
  },
  {
    method: 'post',
    path: '/api/v1/moderation/items/:id/notes',
    async prepare(ctx) {
      return {
        url: `/api/v1/moderation/items/${(await flaggedItem(ctx)).itemId}/notes`,
        body: { body: 'Internal' },
      };
    },
    expect: staffOnly(201, 404),
  },
  onItem('dismiss', {}),
  onItem('hide', { reason: 'Authz' }),
  onItem('unhide', {}),
  onItem('delete', { reason: 'Authz' }),
  onItem('edit', { body: 'Edited by a moderator' }),
  onItem('warn', { reason: 'Authz' }),
  onItem('suspend', { days: 1, reason: 'Authz' }),
  onItem('reinstate', {}),
  onItem('uphold', {}, 404, appealItemRef),
  onItem('overturn', {}, 404, appealItemRef),
  onMember('warn', { reason: 'Authz' }),
  onMember('suspend', { days: 3, reason: 'Authz' }),
  onMember('reinstate', {}),
];

export const eventRows: AuthzEventRow[] = [
  {
    event: 'moderation:queue',
    async trigger(ctx) {
      // Through HTTP, so that the event is emitted after commit as in use.
      const { postId } = await reply(ctx);
      const id = randomUUID().slice(0, 8);
      const password = 'correct horse battery staple';
      const reporter = await insertMember(ctx.app.db, {
        email: `authz-reporter-${id}@example.org`,
        passwordHash: await hashPassword(password),
        handle: `authz_r_${id}`,
        displayName: `Reporter ${id}`,
        role: 'member',
        status: 'active',
        locale: 'es',
      });
      const client = new ApiClient(ctx.app.url);
      await client.signIn(reporter.email, password);
      const res = await client.send('post', '/api/v1/flags', {
        targetType: 'post',
        targetId: postId,
        reason: 'spam',
      });
      if (res.status !== 201) throw new Error(`flag answered ${res.status}`);
    },
    // Only an item's id goes to the staff room; every moderator and admin socket with a second factor
    // is in it, whatever its scope. Without one, an admin is left out, as every staff route refuses them.
    receives: receivers('otherScope', 'moderator', 'admin'),
  },
];
