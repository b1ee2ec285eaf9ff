import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@server/db/pool';
import { members, moderatorScopes } from '@server/db/schema';
import type { Role } from '@shared/constants';
import { findMemberById, memberColumns, updateMember, type MemberRow } from './member.queries';

/** Moderators and admins, admins first, then by name. */
export async function listStaff(db: Executor): Promise<MemberRow[]> {
  return db
    .select(memberColumns)
    .from(members)
    .where(inArray(members.role, ['moderator', 'admin']))
    .orderBy(sql`${members.role} = 'admin' desc`, asc(members.displayName), asc(members.id));
}

/** Escapes `%`, `_` and `\` so a search term matches literally inside ILIKE. */
function likeTerm(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Members whose name, handle or e-mail contains `q`, by name then id, after `cursor`. */
export async function searchMembers(
  db: Executor,
  input: { q?: string; after?: { name: string; id: string }; limit: number },
): Promise<MemberRow[]> {
  const filters: SQL[] = [];
  if (input.q) {
    const term = likeTerm(input.q);
    const match = or(
      ilike(members.displayName, term),
      ilike(members.handle, term),
      ilike(members.email, term),
    );
    if (match) filters.push(match);
  }
  if (input.after) {
    const after = or(
      gt(members.displayName, input.after.name),
      and(eq(members.displayName, input.after.name), gt(members.id, input.after.id)),
    );
    if (after) filters.push(after);
  }
  return db
    .select(memberColumns)
    .from(members)
    .where(and(...filters))
    .orderBy(asc(members.displayName), asc(members.id))
    .limit(input.limit);
}

/** Locks the member's row for a role change and reads it (with scopes). */
export async function lockMember(tx: Executor, id: string): Promise<MemberRow | undefined> {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, id)).for('update');
  return findMemberById(tx, id);
}

/**
 * Locks every admin row and counts them: two admins demoting each other at once are serialised, so the
 * last admin is always kept.
 */
export async function lockAdmins(tx: Executor): Promise<number> {
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(eq(members.role, 'admin'))
    .orderBy(asc(members.id))
    .for('update');
  return rows.length;
}

/** Sets a member's role. */
export async function setRole(tx: Executor, id: string, role: Role): Promise<void> {
  await updateMember(tx, id, { role });
}

/** Replaces a moderator's scopes (none = every category). */
export async function replaceScopes(tx: Executor, memberId: string, categoryIds: readonly string[]) {
  await tx.delete(moderatorScopes).where(eq(moderatorScopes.memberId, memberId));
  if (categoryIds.length === 0) return;
  await tx.insert(moderatorScopes).values(categoryIds.map((categoryId) => ({ memberId, categoryId })));
}
