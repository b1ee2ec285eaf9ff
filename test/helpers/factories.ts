import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Locale, MemberStatus, Role, Sector } from '@shared/constants';
import { hashPassword } from '@server/auth/password';
import { insertMember } from '@server/members/member.queries';
import { members } from '@server/db/schema';
import { updateProfileRow, type ProfileChanges } from '@server/directory/profile.queries';
import { getTestApp } from './app';

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
  } = {},
): Promise<BuiltMember> {
  const app = await getTestApp();
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
  return { id: row.id, email: row.email, password, handle: row.handle, displayName: row.displayName };
}

/** Changes a member's status directly, as a moderator action would. */
export async function setMemberStatus(memberId: string, status: MemberStatus): Promise<void> {
  const app = await getTestApp();
  await app.db.update(members).set({ status }).where(eq(members.id, memberId));
}
