import { hashPassword } from '@server/auth/password';
import { insertMember } from '@server/members/member.queries';
import { moderationItems, posts, threads, watchedWords } from '@server/db/schema';
import { eq } from 'drizzle-orm';
import { createForum } from '@server/forum/forum';
import { createMemberService } from '@server/members/member.service';
import { createDirectoryService } from '@server/directory/directory.service';
import { createLogger } from '@server/logger';
import { staffOnly, type AuthzActor, type AuthzContext, type AuthzRow } from '../matrix';
import { FACTORY_PASSWORD, quietDatabase, unique } from '../../helpers/factories';

/** Staff with no scope and admins act; other staff are refused (applications, watched words). */
const GLOBAL_STAFF: Record<AuthzActor, number> = staffOnly(200, 403);

/** Content decisions: a moderator scoped to another category does not learn the item exists. */
const CATEGORY_STAFF: Record<AuthzActor, number> = { ...GLOBAL_STAFF, otherScope: 404 };

async function applicant(ctx: AuthzContext): Promise<string> {
  const row = await insertMember(ctx.app.db, {
    email: `applicant-${unique()}@example.org`,
    passwordHash: await hashPassword(FACTORY_PASSWORD),
    handle: `applicant_${unique()}`,
    displayName: 'Applicant',
    role: 'member',
    status: 'pending',
    locale: 'es',
  });
  return row.id;
}

/** A new member's thread waiting for review in the context's category, and its queue item. */
async function heldItem(ctx: AuthzContext): Promise<string> {
  const db = ctx.app.db;
  const members = createMemberService(db);
  const author = await insertMember(db, {
    email: `held-${unique()}@example.org`,
    passwordHash: null,
    handle: `held_${unique()}`,
    displayName: 'New Member',
    role: 'member',
    status: 'active',
    locale: 'es',
  });
  const forum = createForum(quietDatabase(db), members, createDirectoryService(db), createLogger('silent'));
  const { thread, post } = await forum.threads.create(
    author,
    { categoryId: ctx.category.id, kind: 'discussion', title: `Held ${unique()}`, body: 'Body.', tags: [] },
    { rateLimit: false },
  );
  const hidden = { hiddenAt: new Date(), hiddenReason: 'pending_review' as const };
  await db.update(threads).set(hidden).where(eq(threads.id, thread.id));
  await db.update(posts).set(hidden).where(eq(posts.id, post.id));
  const [item] = await db
    .insert(moderationItems)
    .values({
      kind: 'new_member_post',
      targetType: 'post',
      targetId: post.id,
      subjectId: author.id,
      categoryId: ctx.category.id,
      snapshot: {},
    })
    .returning({ id: moderationItems.id });
  if (!item) throw new Error('no item');
  return item.id;
}

/** Every route of the membership approval, safeguard decisions and watched words. */
export const rows: AuthzRow[] = [
  {
    method: 'get',
    path: '/api/v1/moderation/applications',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation/applications' }),
    expect: GLOBAL_STAFF,
  },
  {
    method: 'post',
    path: '/api/v1/moderation/applications/:id/approve',
    prepare: async (ctx) => ({ url: `/api/v1/moderation/applications/${await applicant(ctx)}/approve` }),
    expect: GLOBAL_STAFF,
  },
  {
    method: 'post',
    path: '/api/v1/moderation/applications/:id/decline',
    prepare: async (ctx) => ({
      url: `/api/v1/moderation/applications/${await applicant(ctx)}/decline`,
      body: { reason: 'Incomplete profile' },
    }),
    expect: GLOBAL_STAFF,
  },
  {
    method: 'get',
    path: '/api/v1/moderation/held-posts',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation/held-posts' }),
    // Every moderator lists the items of their own categories (none, for another scope).
    expect: { ...GLOBAL_STAFF, otherScope: 200 },
  },
  {
    method: 'post',
    path: '/api/v1/moderation/items/:id/approve',
    prepare: async (ctx) => ({
      url: `/api/v1/moderation/items/${await heldItem(ctx)}/approve`,
      body: { version: 1 },
    }),
    expect: CATEGORY_STAFF,
  },
  {
    method: 'post',
    path: '/api/v1/moderation/items/:id/reject',
    prepare: async (ctx) => ({
      url: `/api/v1/moderation/items/${await heldItem(ctx)}/reject`,
      body: { reason: 'Spam' },
    }),
    expect: CATEGORY_STAFF,
  },
  {
    method: 'get',
    path: '/api/v1/moderation/watched-words',
    prepare: () => Promise.resolve({ url: '/api/v1/moderation/watched-words?lang=es' }),
    expect: GLOBAL_STAFF,
  },
  {
    method: 'post',
    path: '/api/v1/moderation/watched-words',
    prepare: () =>
      Promise.resolve({
        url: '/api/v1/moderation/watched-words',
        body: { lang: 'es', word: `palabra${unique()}`, action: 'flag' },
      }),
    expect: { ...GLOBAL_STAFF, moderator: 201, admin: 201 },
  },
  {
    method: 'delete',
    path: '/api/v1/moderation/watched-words/:id',
    prepare: async (ctx) => {
      const [row] = await ctx.app.db
        .insert(watchedWords)
        .values({ lang: 'en', word: `word${unique()}`, action: 'flag' })
        .returning({ id: watchedWords.id });
      return { url: `/api/v1/moderation/watched-words/${row?.id ?? ''}` };
    },
    expect: { ...GLOBAL_STAFF, moderator: 204, admin: 204 },
  },
];
