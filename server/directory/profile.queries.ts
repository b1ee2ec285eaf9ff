import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, profiles } from '@server/db/schema';
import type { MemberRow } from '@server/members';

/** A profile row as read from the database. */
export type ProfileRow = typeof profiles.$inferSelect;

/** A member with their profile: what presenters turn into cards and profiles. */
export interface ProfileRecord {
  member: Omit<MemberRow, 'scopes' | 'twoFactorEnabled'>;
  profile: ProfileRow;
}

/** The profile columns a member edits. */
export type ProfileChanges = Partial<
  Omit<ProfileRow, 'memberId' | 'updatedAt' | 'verifiedAt' | 'verifiedRole' | 'avatarKey'>
>;

const record = { member: members, profile: profiles };

/** Loads a member and profile by handle. */
export async function findProfileByHandle(db: Executor, handle: string): Promise<ProfileRecord | undefined> {
  const [row] = await db
    .select(record)
    .from(members)
    .innerJoin(profiles, eq(profiles.memberId, members.id))
    .where(eq(members.handle, handle))
    .limit(1);
  return row;
}

/** Loads a member and profile by member id. */
export async function findProfileByMemberId(db: Executor, id: string): Promise<ProfileRecord | undefined> {
  const [row] = await db
    .select(record)
    .from(members)
    .innerJoin(profiles, eq(profiles.memberId, members.id))
    .where(eq(members.id, id))
    .limit(1);
  return row;
}

/** Loads several members with profiles, in the order of `ids`. */
export async function findProfilesByIds(db: Executor, ids: string[]): Promise<ProfileRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(record)
    .from(members)
    .innerJoin(profiles, eq(profiles.memberId, members.id))
    .where(inArray(members.id, ids));
  const byId = new Map(rows.map((row) => [row.member.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ProfileRecord => row !== undefined);
}

/** Writes profile columns; part of the service's transaction. */
export async function updateProfileRow(
  tx: Executor,
  memberId: string,
  changes: ProfileChanges,
): Promise<void> {
  await tx
    .update(profiles)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(profiles.memberId, memberId));
}

/** Sets or clears the verified badge. */
export async function setVerification(
  tx: Executor,
  memberId: string,
  badge: { roleText: string } | null,
): Promise<void> {
  await tx
    .update(profiles)
    .set(
      badge
        ? { verifiedRole: badge.roleText, verifiedAt: sql`now()`, updatedAt: sql`now()` }
        : { verifiedRole: null, verifiedAt: null, updatedAt: sql`now()` },
    )
    .where(eq(profiles.memberId, memberId));
}

/** Points the profile at a stored avatar (or none), returning the key it replaced. */
export async function swapAvatarKey(
  tx: Executor,
  memberId: string,
  key: string | null,
): Promise<string | null> {
  const [previous] = await tx
    .select({ key: profiles.avatarKey })
    .from(profiles)
    .where(eq(profiles.memberId, memberId))
    .for('update');
  await tx
    .update(profiles)
    .set({ avatarKey: key, updatedAt: sql`now()` })
    .where(eq(profiles.memberId, memberId));
  return previous?.key ?? null;
}

/** Which of these handles belong to a member (for mention links). */
export async function existingHandles(db: Executor, handles: string[]): Promise<string[]> {
  if (handles.length === 0) return [];
  const rows = await db
    .select({ handle: members.handle })
    .from(members)
    .where(inArray(members.handle, handles));
  return rows.map((row) => row.handle);
}
