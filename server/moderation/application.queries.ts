import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, profiles } from '@server/db/schema';

/** Pending applicants (not declined), oldest first, with what their profile says. */
export async function listApplications(
  db: Executor,
  input: { after?: { createdAt: string; id: string }; limit: number },
) {
  const filters: SQL[] = [eq(members.status, 'pending'), isNull(members.applicationDeclinedAt)];
  if (input.after) {
    filters.push(
      sql`(${members.createdAt}, ${members.id}) > (${input.after.createdAt}::timestamptz, ${input.after.id}::uuid)`,
    );
  }
  return db
    .select({
      id: members.id,
      handle: members.handle,
      displayName: members.displayName,
      email: members.email,
      locale: members.locale,
      note: members.applicationNote,
      createdAt: members.createdAt,
      country: profiles.country,
      sector: profiles.sector,
      organization: profiles.organization,
      headline: profiles.headline,
    })
    .from(members)
    .leftJoin(profiles, eq(profiles.memberId, members.id))
    .where(and(...filters))
    .orderBy(asc(members.createdAt), asc(members.id))
    .limit(input.limit);
}

/** An applicant's row, locked for a decision; undefined unless still pending and not declined. */
export async function lockApplicant(tx: Executor, id: string) {
  const [row] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, id), eq(members.status, 'pending'), isNull(members.applicationDeclinedAt)))
    .for('update');
  return row;
}
