import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, profiles } from '@server/db/schema';
import type { Locale, MemberStatus, Role, Sector } from '@shared/constants';

/**
 * A member row as read from the database, with the categories a scoped moderator moderates (`scopes`:
 * null when no category is named, which for a moderator means every category) and whether they finished
 * enrolling a second factor (`twoFactorEnabled`). Both are read in the same statement as the member, so
 * the member loaded for a request costs one query and services can decide without another.
 */
export type MemberRow = typeof members.$inferSelect & { scopes: string[] | null; twoFactorEnabled: boolean };

/** The member's columns and their scopes, for `select` and `returning`. */
export const memberColumns = {
  ...getTableColumns(members),
  scopes: sql<
    string[] | null
  >`(select array_agg(s.category_id::text order by s.category_id) from moderator_scopes s where s.member_id = ${members.id})`,
  twoFactorEnabled: sql<boolean>`exists (select 1 from member_totp t where t.member_id = ${members.id} and t.enabled_at is not null)`,
};

/** What creating an account writes. */
export interface NewMember {
  email: string;
  /** Null for accounts created from a provider's claims, until the member reviews their profile. */
  profileCompletedAt?: null;
  emailVerifiedAt?: Date | null;
  passwordHash: string | null;
  handle: string;
  displayName: string;
  role: Role;
  status: MemberStatus;
  locale: Locale;
  country?: string | null;
  sector?: Sector | null;
  organization?: string | null;
  headline?: string | null;
  /** Why they want to join, while membership needs approval. */
  applicationNote?: string | null;
}

/** Loads one member by id. */
export async function findMemberById(db: Executor, id: string): Promise<MemberRow | undefined> {
  const [row] = await db.select(memberColumns).from(members).where(eq(members.id, id)).limit(1);
  return row;
}

/** Loads one member by (lower-cased) e-mail. */
export async function findMemberByEmail(db: Executor, email: string): Promise<MemberRow | undefined> {
  const [row] = await db.select(memberColumns).from(members).where(eq(members.email, email)).limit(1);
  return row;
}

/** Whether a handle is already taken. */
export async function handleExists(db: Executor, handle: string): Promise<boolean> {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.handle, handle)).limit(1);
  return row !== undefined;
}

/** Inserts a member and their profile; call inside a transaction. */
export async function insertMember(tx: Executor, input: NewMember): Promise<MemberRow> {
  const [row] = await tx
    .insert(members)
    .values({
      email: input.email,
      passwordHash: input.passwordHash,
      handle: input.handle,
      displayName: input.displayName,
      role: input.role,
      status: input.status,
      locale: input.locale,
      ...(input.profileCompletedAt === null ? { profileCompletedAt: null } : {}),
      emailVerifiedAt: input.emailVerifiedAt ?? null,
      applicationNote: input.applicationNote ?? null,
    })
    .returning(memberColumns);
  if (!row) throw new Error('insert returned no row');
  await tx.insert(profiles).values({
    memberId: row.id,
    country: input.country ?? null,
    sector: input.sector ?? null,
    organization: input.organization ?? null,
    headline: input.headline ?? null,
  });
  return row;
}

/** Updates a member's account fields. */
export async function updateMember(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      MemberRow,
      | 'displayName'
      | 'locale'
      | 'status'
      | 'role'
      | 'lastSeenAt'
      | 'passwordHash'
      | 'profileCompletedAt'
      | 'email'
      | 'emailVerifiedAt'
      | 'suspendedUntil'
      | 'suspensionReason'
    >
  >,
): Promise<MemberRow | undefined> {
  const [row] = await db
    .update(members)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(members.id, id))
    .returning(memberColumns);
  return row;
}

/** Counts members: the seed uses it to leave a database with data alone. */
export async function countMembers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(members);
  return row?.n ?? 0;
}

/** Loads the members with these ids (those that exist). */
export async function findMembersByIds(db: Executor, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(memberColumns)
    .from(members)
    .where(inArray(members.id, [...ids]));
}

/** Loads the members with these handles (those that exist). */
export async function findMembersByHandles(db: Executor, handles: readonly string[]): Promise<MemberRow[]> {
  if (handles.length === 0) return [];
  return db
    .select(memberColumns)
    .from(members)
    .where(inArray(members.handle, [...handles]));
}

/** Ends every suspension whose end has passed; returns the members made active again. */
export async function liftExpiredSuspensions(db: Executor, memberId?: string): Promise<string[]> {
  const rows = await db
    .update(members)
    .set({ status: 'active', suspendedUntil: null, suspensionReason: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(members.status, 'suspended'),
        sql`${members.suspendedUntil} is not null and ${members.suspendedUntil} <= now()`,
        memberId ? eq(members.id, memberId) : undefined,
      ),
    )
    .returning({ id: members.id });
  return rows.map((r) => r.id);
}

/** Deletes the member row; foreign keys cascade to private data and detach public content. */
export async function deleteMemberRow(tx: Executor, memberId: string): Promise<void> {
  await tx.delete(members).where(eq(members.id, memberId));
}

/** Makes an applicant an active member. */
export async function activateApplicant(tx: Executor, id: string): Promise<void> {
  await tx
    .update(members)
    .set({ status: 'active', updatedAt: sql`now()` })
    .where(eq(members.id, id));
}

/** Marks an application declined: the account stays pending, so it reads but never writes. */
export async function markApplicationDeclined(tx: Executor, id: string): Promise<void> {
  await tx
    .update(members)
    .set({ applicationDeclinedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(members.id, id));
}

/** Writes a member's name or handle; part of the service's transaction. */
export async function updateMemberIdentity(
  tx: Executor,
  memberId: string,
  changes: Partial<Pick<MemberRow, 'displayName' | 'handle' | 'profileCompletedAt'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await tx
    .update(members)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(members.id, memberId));
}
