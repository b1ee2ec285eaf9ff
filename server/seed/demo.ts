import type { Logger } from '@server/logger';
import type { MemberService } from '@server/members/member.service';
import type { CategoryService } from '@server/forum/category.service';
import type { ProfileService } from '@server/directory/profile.service';
import type { MemberRow } from '@server/members/member.queries';
import { DEMO_PROFILES, DEMO_VERIFICATIONS } from './demo-profiles';
import { hashPassword } from '@server/auth/password';
import { LOCALES } from '@shared/constants';
import { DEMO_CATEGORIES, DEMO_MEMBERS, DEMO_PASSWORD } from './demo-data';

/** What the seed did, for the console. */
export interface SeedReport {
  seeded: boolean;
  password: string;
  accounts: { email: string; role: string; displayName: string }[];
}

interface SeedDeps {
  members: MemberService;
  categories: CategoryService;
  /** Fills in the demo profiles and badges when given. */
  profiles?: ProfileService;
}

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
  const created = new Map<string, MemberRow>();
  for (const member of DEMO_MEMBERS) {
    created.set(member.email, await deps.members.create({ ...member, passwordHash, status: 'active' }));
  }
  if (deps.profiles) {
    for (const [email, profile] of Object.entries(DEMO_PROFILES)) {
      const member = created.get(email);
      if (member) await deps.profiles.update(member, profile);
    }
    const moderator = [...created.values()].find((member) => member.role === 'moderator');
    for (const { email, roleText } of DEMO_VERIFICATIONS) {
      const member = created.get(email);
      if (moderator && member) await deps.profiles.verify(moderator, member.handle, { roleText });
    }
  }
  logger.info({ categories: DEMO_CATEGORIES.length, members: DEMO_MEMBERS.length }, 'demo content seeded');
  return { seeded: true, password: DEMO_PASSWORD, accounts };
}
