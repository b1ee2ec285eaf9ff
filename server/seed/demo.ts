import type { CategoryService, CurationService, PostService, ThreadService } from '@server/forum';
import type { Logger } from '@server/logger';
import type { MemberRow, MemberService } from '@server/members';
import type { ProfileService } from '@server/directory';
import { DEMO_PROFILES, DEMO_VERIFICATIONS } from './demo-profiles';
import { hashPassword } from '@server/auth';
import { LOCALES } from '@shared/constants';
import { DEMO_CATEGORIES, DEMO_MEMBERS, DEMO_PASSWORD } from './demo-data';
import { DEMO_THREADS } from './demo-threads';

/** What the seed did, for the console. */
export interface SeedReport {
  seeded: boolean;
  password: string;
  accounts: { email: string; role: string; displayName: string }[];
}

interface SeedDeps {
  members: MemberService;
  categories: CategoryService;
  threads: ThreadService;
  posts: PostService;
  /** Fills in the demo profiles and badges when given. */
  profiles?: ProfileService;
  /** Features a few demo threads on the home page when given. */
  curation?: CurationService;
}

/** How many demo threads the demo moderator features on the home page. */
const FEATURED_DEMO_THREADS = 2;

/** Fills an empty database with the demo categories and members; leaves any database with data alone. */
export async function seedDemoIfEmpty(deps: SeedDeps, logger: Logger): Promise<SeedReport> {
  const accounts = DEMO_MEMBERS.map(({ email, role, displayName }) => ({ email, role, displayName }));
  if ((await deps.members.count()) > 0 || (await deps.categories.list('es')).length > 0) {
    return { seeded: false, password: DEMO_PASSWORD, accounts };
  }
  for (const [position, category] of DEMO_CATEGORIES.entries()) {
    await deps.categories.create({
      slug: category.slug,
      position,
      defaultLocale: 'es',
      translations: LOCALES.map((locale) => ({ locale, ...category.text[locale] })),
    });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byEmail = new Map<string, MemberRow>();
  for (const member of DEMO_MEMBERS) {
    byEmail.set(member.email, await deps.members.create({ ...member, passwordHash, status: 'active' }));
  }
  if (deps.profiles) {
    for (const [email, profile] of Object.entries(DEMO_PROFILES)) {
      const member = byEmail.get(email);
      if (member) await deps.profiles.update(member, profile);
    }
    const moderator = [...byEmail.values()].find((member) => member.role === 'moderator');
    for (const { email, roleText } of DEMO_VERIFICATIONS) {
      const member = byEmail.get(email);
      if (moderator && member) await deps.profiles.verify(moderator, member.handle, { roleText });
    }
  }
  const threadIds = await seedThreads(deps, byEmail);
  const moderator = [...byEmail.values()].find((member) => member.role === 'moderator');
  if (deps.curation && moderator) {
    for (const id of threadIds.slice(0, FEATURED_DEMO_THREADS)) {
      await deps.curation.setFeatured(moderator, id, true, 'Demo');
    }
  }
  logger.info(
    { categories: DEMO_CATEGORIES.length, members: DEMO_MEMBERS.length, threads: DEMO_THREADS.length },
    'demo content seeded',
  );
  return { seeded: true, password: DEMO_PASSWORD, accounts };
}

/** Demo threads and replies (their ids returned in order), written through the services (rendering, counters) without posting limits. */
async function seedThreads(deps: SeedDeps, byEmail: Map<string, MemberRow>): Promise<string[]> {
  const ids: string[] = [];
  const member = (email: string) => {
    const row = byEmail.get(email);
    if (!row) throw new Error(`demo thread by unknown member ${email}`);
    return row;
  };
  const all = await deps.categories.list('es', null, true);
  for (const demo of DEMO_THREADS) {
    const category = all.find((c) => c.slug === demo.category);
    if (!category) throw new Error(`demo thread in unknown category ${demo.category}`);
    const author = member(demo.by);
    const { thread } = await deps.threads.create(
      author,
      {
        categoryId: category.id,
        title: demo.title,
        body: demo.body,
        kind: demo.kind,
        tags: demo.tags,
        lang: demo.lang,
      },
      { rateLimit: false },
    );
    const replyIds: string[] = [];
    for (const reply of demo.replies) {
      const parentId = reply.replyTo === undefined ? undefined : replyIds[reply.replyTo];
      const { post } = await deps.posts.reply(
        member(reply.by),
        thread.id,
        { body: reply.body, parentId },
        { rateLimit: false },
      );
      replyIds.push(post.id);
    }
    const accepted = demo.accepted === undefined ? undefined : replyIds[demo.accepted];
    if (accepted) await deps.threads.accept(author, thread.id, accepted);
    ids.push(thread.id);
  }
  return ids;
}
