import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { accountTokens } from '@server/db/schema';

/** What an account token is for. */
export type TokenPurpose = 'verify' | 'reset' | 'email_change';

/** Stores a token's hash; earlier unused tokens of the same purpose stop working. */
export async function insertToken(
  tx: Executor,
  row: { tokenHash: string; memberId: string; purpose: TokenPurpose; newEmail?: string; ttlSeconds: number },
): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.memberId, row.memberId),
        eq(accountTokens.purpose, row.purpose),
        isNull(accountTokens.usedAt),
      ),
    );
  await tx.insert(accountTokens).values({
    tokenHash: row.tokenHash,
    memberId: row.memberId,
    purpose: row.purpose,
    newEmail: row.newEmail ?? null,
    expiresAt: sql`now() + make_interval(secs => ${row.ttlSeconds})`,
  });
}

/** Voids every unused token of the member, whatever its purpose; returns how many there were. */
export async function voidMemberTokens(tx: Executor, memberId: string): Promise<number> {
  const rows = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.memberId, memberId), isNull(accountTokens.usedAt)))
    .returning({ tokenHash: accountTokens.tokenHash });
  return rows.length;
}

/** Uses a token atomically: only one caller ever gets the row back, and only before it expires. */
export async function consumeToken(
  tx: Executor,
  tokenHash: string,
  purpose: TokenPurpose,
): Promise<{ memberId: string; newEmail: string | null } | undefined> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ memberId: accountTokens.memberId, newEmail: accountTokens.newEmail });
  return row;
}
