import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { memberIdentities } from '@server/db/schema';

/** A link between a member and a provider account. */
export type IdentityRow = typeof memberIdentities.$inferSelect;

/** What a link records about the provider account: never the subject itself. */
export interface IdentityFacts {
  provider: string;
  subjectHash: string;
  assurance: string | null;
  identityVerified: boolean;
}

/** The link of a provider account, if any. */
export async function findIdentity(db: Executor, provider: string, subjectHash: string) {
  const [row] = await db
    .select()
    .from(memberIdentities)
    .where(and(eq(memberIdentities.provider, provider), eq(memberIdentities.subjectHash, subjectHash)))
    .limit(1);
  return row;
}

/** The member's links. */
export function listIdentities(db: Executor, memberId: string): Promise<IdentityRow[]> {
  return db.select().from(memberIdentities).where(eq(memberIdentities.memberId, memberId));
}

/** Links a provider account to a member. */
export async function insertIdentity(db: Executor, memberId: string, facts: IdentityFacts): Promise<void> {
  await db.insert(memberIdentities).values({ memberId, ...facts });
}

/** Notes a sign-in through a link, with the assurance the provider sent this time. */
export async function touchIdentity(db: Executor, id: string, assurance: string | null, verified: boolean) {
  await db
    .update(memberIdentities)
    .set({ lastUsedAt: sql`now()`, assurance, identityVerified: verified })
    .where(eq(memberIdentities.id, id));
}

/** Removes a member's link to a provider; returns whether there was one. */
export async function deleteIdentity(db: Executor, memberId: string, provider: string): Promise<boolean> {
  const rows = await db
    .delete(memberIdentities)
    .where(and(eq(memberIdentities.memberId, memberId), eq(memberIdentities.provider, provider)))
    .returning({ id: memberIdentities.id });
  return rows.length > 0;
}

/** Whether any of the member's links carries a provider assurance at the verified level. */
export async function hasVerifiedIdentity(db: Executor, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberIdentities.id })
    .from(memberIdentities)
    .where(and(eq(memberIdentities.memberId, memberId), eq(memberIdentities.identityVerified, true)))
    .limit(1);
  return Boolean(row);
}
