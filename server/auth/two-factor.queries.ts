import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { memberTotp, recoveryCodes } from '@server/db/schema';

/** A member's TOTP row. */
export type TotpRow = typeof memberTotp.$inferSelect;

/** The member's TOTP row, enabled or still being set up. */
export async function findTotp(db: Executor, memberId: string): Promise<TotpRow | undefined> {
  const [row] = await db.select().from(memberTotp).where(eq(memberTotp.memberId, memberId)).limit(1);
  return row;
}

/** Stores a new secret awaiting its first code, replacing an unfinished set-up. */
export async function upsertPendingTotp(
  db: Executor,
  memberId: string,
  secretEncrypted: string,
): Promise<void> {
  await db
    .insert(memberTotp)
    .values({ memberId, secretEncrypted })
    .onConflictDoUpdate({
      target: memberTotp.memberId,
      set: { secretEncrypted, enabledAt: null, lastUsedStep: null },
      setWhere: isNull(memberTotp.enabledAt),
    });
}

/**
 * Records that a code of `step` was accepted, only if no code of that step or later was: the
 * conditional update makes two simultaneous uses of one code accept only one.
 */
export async function claimTotpStep(db: Executor, memberId: string, step: number, enable: boolean) {
  const rows = await db
    .update(memberTotp)
    .set(enable ? { lastUsedStep: step, enabledAt: sql`now()` } : { lastUsedStep: step })
    .where(
      and(
        eq(memberTotp.memberId, memberId),
        sql`(${memberTotp.lastUsedStep} is null or ${memberTotp.lastUsedStep} < ${step})`,
      ),
    )
    .returning({ memberId: memberTotp.memberId });
  return rows.length > 0;
}

/** Removes the member's second factor and recovery codes. */
export async function deleteTwoFactor(tx: Executor, memberId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId));
  await tx.delete(memberTotp).where(eq(memberTotp.memberId, memberId));
}

/** Replaces the member's recovery codes with new hashes. */
export async function replaceRecoveryCodes(tx: Executor, memberId: string, hashes: string[]): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ memberId, codeHash })));
}

/** Marks an unused recovery code used; false when there is no such unused code. */
export async function useRecoveryCode(db: Executor, memberId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.memberId, memberId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

/** How many unused recovery codes the member has. */
export async function countUnusedRecoveryCodes(db: Executor, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.memberId, memberId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}
