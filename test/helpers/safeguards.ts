import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '@server/auth/password';
import { insertMember } from '@server/members/member.queries';
import { members, moderationItems, moderatorScopes } from '@server/db/schema';
import type { Locale, MemberStatus, Role } from '@shared/constants';
import type { TestApp } from './app';
import { FACTORY_PASSWORD, unique } from './factories';
import { ApiClient } from './http';
import { enrolTwoFactor } from './totp';
import { sessionCookieFrom } from './sockets';

/** A member of an app of a suite's own, signed in (staff with a second factor enrolled). */
export interface Person {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  client: ApiClient;
  cookie: string;
  /** Staff's TOTP secret (to sign in again, in a browser). */
  secret?: string;
}

let hash: Promise<string> | undefined;

/**
 * Inserts a member on `app` and signs them in. `ageHours` backdates the account (the link limit
 * applies to accounts younger than a day); `scopes` limits a moderator to those categories.
 */
export async function personOn(
  app: TestApp,
  options: {
    role?: Role;
    locale?: Locale;
    status?: MemberStatus;
    ageHours?: number;
    scopes?: string[];
  } = {},
): Promise<Person> {
  hash ??= hashPassword(FACTORY_PASSWORD);
  const id = unique();
  const row = await insertMember(app.db, {
    email: `sg-${id}@example.org`,
    passwordHash: await hash,
    handle: `sg_${id}`,
    displayName: `Persona ${id}`,
    role: options.role ?? 'member',
    status: options.status ?? 'active',
    locale: options.locale ?? 'es',
    country: 'CO',
    sector: 'civil-society',
    organization: 'Red Ciudadana',
  });
  if (options.ageHours) {
    await app.db
      .update(members)
      .set({ createdAt: sql`now() - make_interval(hours => ${options.ageHours})` })
      .where(eq(members.id, row.id));
  }
  for (const categoryId of options.scopes ?? []) {
    await app.db.insert(moderatorScopes).values({ memberId: row.id, categoryId });
  }
  const client = new ApiClient(app.url, undefined, options.locale ?? 'es');
  const res = await client.signIn(row.email, FACTORY_PASSWORD);
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  const cookie = sessionCookieFrom(res);
  const secret =
    options.role && options.role !== 'member' ? (await enrolTwoFactor(client)).secret : undefined;
  return {
    id: row.id,
    email: row.email,
    handle: row.handle,
    displayName: row.displayName,
    client,
    cookie,
    secret,
  };
}

/** The open queue item about a target, if any. */
export async function openItemFor(app: TestApp, targetId: string) {
  const [row] = await app.db
    .select()
    .from(moderationItems)
    .where(sql`${moderationItems.targetId} = ${targetId} and ${moderationItems.status} = 'open'`);
  return row;
}

/** Audit entries of an action on a target. */
export async function auditEntries(app: TestApp, action: string, targetId: string) {
  const result = await app.pool.query<{ actor_id: string | null; reason: string | null }>(
    'select actor_id, reason from audit_log where action = $1 and target_id = $2',
    [action, targetId],
  );
  return result.rows;
}
