import { eq } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, sessions } from '@server/db/schema';

/** Ends every session of a member (sessions hold their id). */
export async function deleteSessionsOf(tx: Executor, memberId: string): Promise<string[]> {
  const rows = await tx
    .delete(sessions)
    .where(eq(sessions.memberId, memberId))
    .returning({ sid: sessions.sid });
  return rows.map((row) => row.sid);
}

/** Deletes the member row; foreign keys cascade to private data and detach public content. */
export async function deleteMemberRow(tx: Executor, memberId: string): Promise<void> {
  await tx.delete(members).where(eq(members.id, memberId));
}
