import { eq } from 'drizzle-orm';
import { moderatorScopes } from '@server/db/schema';
import type { Locale, Role } from '@shared/constants';
import { getTestApp } from './app';
import { buildMember, type BuiltMember } from './factories';
import { ApiClient } from './http';
import { enrolTwoFactor } from './totp';

/** A signed-in client and the member behind it. */
export interface SignedInAs extends BuiltMember {
  client: ApiClient;
}

/**
 * A signed-in member of this role. Staff are enrolled in a second factor, as staff tools require; the
 * client stays signed in after enrolling.
 */
export async function signedInAs(role: Role, locale: Locale = 'en'): Promise<SignedInAs> {
  const app = await getTestApp();
  const built = await buildMember({ role, locale });
  const client = new ApiClient(app.url, undefined, locale);
  const res = await client.signIn(built.email, built.password);
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  if (role !== 'member') await enrolTwoFactor(client);
  return { ...built, client };
}

/** Limits a moderator to these categories (no rows: every category), as the roles page does. */
export async function setScopes(memberId: string, categoryIds: readonly string[]): Promise<void> {
  const app = await getTestApp();
  await app.db.delete(moderatorScopes).where(eq(moderatorScopes.memberId, memberId));
  if (categoryIds.length) {
    await app.db.insert(moderatorScopes).values(categoryIds.map((categoryId) => ({ memberId, categoryId })));
  }
}

/** A signed-in moderator, with a second factor, who moderates only these categories. */
export async function signedInAsScoped(
  categoryIds: readonly string[],
  locale: Locale = 'en',
): Promise<SignedInAs> {
  const moderator = await signedInAs('moderator', locale);
  await setScopes(moderator.id, categoryIds);
  return moderator;
}
