import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { mailOutbox } from '@server/db/schema';

/** A stored e-mail waiting in (or done with) the outbox. */
export type OutboxRow = typeof mailOutbox.$inferSelect;
/** What an event writes to the outbox. */
export type NewOutboxRow = typeof mailOutbox.$inferInsert;

/** Writes e-mails to the outbox inside the caller's transaction; returns their ids in order. */
export async function insertOutbox(tx: Executor, rows: NewOutboxRow[]): Promise<string[]> {
  if (!rows.length) return [];
  const inserted = await tx.insert(mailOutbox).values(rows).returning({ id: mailOutbox.id });
  return inserted.map((row) => row.id);
}

/**
 * Claims up to `limit` due e-mails for `leaseSeconds`: a crashed sender's claim expires and another
 * (or the restarted) worker picks the row up again; concurrent workers skip each other's rows.
 */
export async function claimDue(db: Executor, limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      and(
        isNull(mailOutbox.sentAt),
        isNull(mailOutbox.skippedAt),
        lte(mailOutbox.sendAfter, sql`now()`),
        or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(mailOutbox.sendAfter)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      attempts: sql`${mailOutbox.attempts} + 1`,
    })
    .where(sql`${mailOutbox.id} in (${due})`)
    .returning();
}

/** Marks an e-mail sent: it is never picked again. */
export async function markSent(db: Executor, id: string): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ sentAt: sql`now()`, lockedUntil: null })
    .where(eq(mailOutbox.id, id));
}

/** Marks an e-mail skipped (e.g. the message was read before the delay ran out). */
export async function markSkipped(db: Executor, id: string): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ skippedAt: sql`now()`, lockedUntil: null })
    .where(eq(mailOutbox.id, id));
}

/** Records a failure and when to try again; after the last attempt the row is skipped with its error. */
export async function markFailed(
  db: Executor,
  id: string,
  error: string,
  retryInSeconds: number | null,
): Promise<void> {
  await db
    .update(mailOutbox)
    .set(
      retryInSeconds === null
        ? { lastError: error, skippedAt: sql`now()`, lockedUntil: null }
        : {
            lastError: error,
            lockedUntil: null,
            sendAfter: sql`now() + make_interval(secs => ${retryInSeconds})`,
          },
    )
    .where(eq(mailOutbox.id, id));
}

/** Deletes every outbox e-mail, sent or not, whose data contains one of the strings. */
export async function deleteOutboxContaining(tx: Executor, needles: readonly string[]): Promise<void> {
  const text = sql`${mailOutbox.data}::text`;
  await tx.delete(mailOutbox).where(or(...needles.map((needle) => sql`strpos(${text}, ${needle}) > 0`)));
}

/** The unsent e-mails: how many are due now, how many wait for later, and how long the oldest due one waited. */
export async function countBacklog(
  db: Executor,
): Promise<{ due: number; scheduled: number; oldestDueSeconds: number }> {
  const [row] = await db
    .select({
      due: sql<number>`count(*) filter (where ${mailOutbox.sendAfter} <= now())::int`,
      scheduled: sql<number>`count(*) filter (where ${mailOutbox.sendAfter} > now())::int`,
      oldestDueSeconds: sql<number>`coalesce(extract(epoch from now() - min(${mailOutbox.sendAfter}) filter (where ${mailOutbox.sendAfter} <= now())), 0)::float8`,
    })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.skippedAt)));
  return row ?? { due: 0, scheduled: 0, oldestDueSeconds: 0 };
}
