import { createCategoryService } from '@server/forum/category.service';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Locale, MemberStatus, Role, Sector } from '@shared/constants';
import { hashPassword } from '@server/auth/password';
import { insertMember } from '@server/members/member.queries';
import { categories, members, memberTotp } from '@server/db/schema';
import { createForum, type Forum } from '@server/forum/forum';
import { createMemberService } from '@server/members/member.service';
import { createDirectoryService } from '@server/directory/directory.service';
import { findMemberById, type MemberRow } from '@server/members/member.queries';
import { createLogger } from '@server/logger';
import { createEventPipeline } from '@server/events';
import type { Database } from '@server/db/pool';
import type { ReadAccess } from '@shared/api/categories';
import { updateProfileRow, type ProfileChanges } from '@server/directory/profile.queries';
import { getTestApp, type TestApp } from './app';

/** A member created for a test, with the clear-text password to sign in with. */
export interface BuiltMember {
  id: string;
  email: string;
  password: string;
  handle: string;
  displayName: string;
}

const hashes = new Map<string, Promise<string>>();

/** The default password of built members: long and uncommon enough to pass the rules. */
export const FACTORY_PASSWORD = 'correct horse battery staple';

/** A unique suffix for names, e-mails and handles. */
export function unique(): string {
  return randomBytes(5).toString('hex');
}

/** Inserts a real member row (and profile) with fresh identifiers. */
export async function buildMember(
  overrides: {
    locale?: Locale;
    status?: MemberStatus;
    role?: Role;
    password?: string;
    displayName?: string;
    country?: string | null;
    sector?: Sector | null;
    handle?: string;
    email?: string;
    /** Profile columns written after the insert (themes, languages, visibility, …). */
    profile?: ProfileChanges;
    /** An enrolled second factor (see `recordSecondFactor`): staff powers come with one. */
    secondFactor?: boolean;
  } = {},
  /** Another app than the shared one (suites that start their own). */
  target?: TestApp,
): Promise<BuiltMember> {
  const app = target ?? (await getTestApp());
  const id = unique();
  const password = overrides.password ?? FACTORY_PASSWORD;
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  const row = await insertMember(app.db, {
    email: overrides.email ?? `member-${id}@example.org`,
    passwordHash: await hash,
    handle: overrides.handle ?? `member_${id}`,
    displayName: overrides.displayName ?? `Member ${id}`,
    role: overrides.role ?? 'member',
    status: overrides.status ?? 'active',
    locale: overrides.locale ?? 'es',
    country: overrides.country === undefined ? 'MX' : overrides.country,
    sector: overrides.sector === undefined ? 'government' : overrides.sector,
  });
  if (overrides.profile) await updateProfileRow(app.db, row.id, overrides.profile);
  if (overrides.secondFactor) await recordSecondFactor(row.id, app);
  return { id: row.id, email: row.email, password, handle: row.handle, displayName: row.displayName };
}

/**
 * Records an enrolled second factor for a member, as the database holds one, for fixtures that call
 * services as staff directly (staff powers come with a second factor; no code is ever asked of them:
 * suites that sign staff in over HTTP enrol through the API, see `signedInAs`).
 */
export async function recordSecondFactor(memberId: string, target?: TestApp): Promise<void> {
  const app = target ?? (await getTestApp());
  await app.db
    .insert(memberTotp)
    .values({ memberId, secretEncrypted: 'fixture: no code is asked', enabledAt: new Date() })
    .onConflictDoNothing();
}

/** Changes a member's status directly, as a moderator action would. */
export async function setMemberStatus(memberId: string, status: MemberStatus): Promise<void> {
  const app = await getTestApp();
  await app.db.update(members).set({ status }).where(eq(members.id, memberId));
}

let forum: Forum | undefined;

/**
 * The test database as the services need it (their transactions carry domain events), with no
 * listeners: what factories write notifies nobody and tells no socket.
 */
export function quietDatabase(db: Database): Database {
  return createEventPipeline(createLogger('silent')).bind(db);
}

/** The forum's services over the shared test database (writes without posting limits). */
export async function testForum(): Promise<Forum> {
  if (!forum) {
    const app = await getTestApp();
    forum = createForum(
      quietDatabase(app.db),
      createMemberService(app.db),
      createDirectoryService(app.db),
      createLogger('silent'),
      {
        postLimits: { intervalSeconds: 0, newMemberIntervalSeconds: 0 },
      },
    );
  }
  return forum;
}

/** Inserts a category with names in the four languages. */
export async function buildCategory(
  overrides: { readAccess?: ReadAccess; archived?: boolean } = {},
  /** Another app than the shared one (suites that start their own). */
  target?: TestApp,
): Promise<{ id: string; slug: string }> {
  const app = target ?? (await getTestApp());
  const service = target ? createCategoryService(target.db) : (await testForum()).categories;
  const slug = `tema-${unique()}`;
  const id = await service.create({
    slug,
    position: 100,
    defaultLocale: 'es',
    readAccess: overrides.readAccess ?? 'public',
    translations: [
      { locale: 'es', name: `Tema ${slug}`, description: 'Descripción' },
      { locale: 'pt', name: `Tema pt ${slug}`, description: 'Descrição' },
      { locale: 'en', name: `Topic ${slug}`, description: 'Description' },
      { locale: 'fr', name: `Thème ${slug}`, description: 'Description fr' },
    ],
  });
  if (overrides.archived) {
    await app.db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.id, id));
  }
  return { id, slug };
}

/** A member row by id, as services take it. */
export async function memberRow(id: string): Promise<MemberRow> {
  const app = await getTestApp();
  const row = await findMemberById(app.db, id);
  if (!row) throw new Error(`no member ${id}`);
  return row;
}

/**
 * The author of fixture content as the forum's services take it. Staff write with their powers (a
 * moderators-only category, a locked thread), as if enrolled: fixtures set a scene, and a suite that
 * tests the second factor's rule signs its staff in over HTTP.
 */
async function authorRow(id: string): Promise<MemberRow> {
  const row = await memberRow(id);
  return row.role === 'member' ? row : { ...row, twoFactorEnabled: true };
}

/** Inserts a thread (and its opening post) through the forum's service. */
export async function buildThread(
  author: BuiltMember,
  overrides: {
    categoryId?: string;
    kind?: 'question' | 'discussion';
    title?: string;
    body?: string;
    tags?: string[];
    lang?: 'es' | 'pt' | 'en' | 'fr';
  } = {},
): Promise<{ id: string; rootPostId: string; categoryId: string }> {
  const categoryId = overrides.categoryId ?? (await buildCategory()).id;
  const { thread, post } = await (
    await testForum()
  ).threads.create(
    await authorRow(author.id),
    {
      categoryId,
      title: overrides.title ?? `A thread ${unique()}`,
      body: overrides.body ?? 'The opening post.',
      kind: overrides.kind ?? 'question',
      tags: overrides.tags ?? [],
      lang: overrides.lang,
    },
    { rateLimit: false },
  );
  return { id: thread.id, rootPostId: post.id, categoryId };
}

/** Inserts a reply through the forum's service. */
export async function buildReply(
  author: BuiltMember,
  threadId: string,
  overrides: { parentId?: string; body?: string } = {},
): Promise<{ id: string; seq: number }> {
  const { post } = await (
    await testForum()
  ).posts.reply(
    await authorRow(author.id),
    threadId,
    { body: overrides.body ?? `A reply ${unique()}`, parentId: overrides.parentId },
    { rateLimit: false },
  );
  return { id: post.id, seq: post.seq };
}
