import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { sessions } from '@server/db/schema';

/** A stored session of a member. */
export interface StoredSession {
  sid: string;
  sess: unknown;
  expire: Date;
}

/** The member's unexpired sessions. */
export function listMemberSessions(db: Executor, memberId: string): Promise<StoredSession[]> {
  return db
    .select({ sid: sessions.sid, sess: sessions.sess, expire: sessions.expire })
    .from(sessions)
    .where(and(eq(sessions.memberId, memberId), gt(sessions.expire, sql`now()`)));
}

/** Deletes one of the member's sessions; returns whether it existed. */
export async function deleteMemberSession(db: Executor, memberId: string, sid: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.memberId, memberId), eq(sessions.sid, sid)))
    .returning({ sid: sessions.sid });
  return rows.length > 0;
}

/** Deletes every session of the member except `keepSid`; returns the ended session ids. */
export async function deleteOtherMemberSessions(
  db: Executor,
  memberId: string,
  keepSid: string | undefined,
): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(
      keepSid
        ? and(eq(sessions.memberId, memberId), ne(sessions.sid, keepSid))
        : eq(sessions.memberId, memberId),
    )
    .returning({ sid: sessions.sid });
  return rows.map((row) => row.sid);
}
