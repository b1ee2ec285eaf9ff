import { cursorText, cursorUuid, decodeCursorTuple, encodeCursorTuple } from '@server/cursor';
import { LIMITS } from '@shared/constants';
import type { Database } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { AppError, forbidden, notFound, validationError } from '@server/errors';
import { audit } from '@server/audit';
import type { SecondFactorCheck } from '@server/http/guards';
import type { AdminMemberQuery, ChangeRoleRequest, ChangeScopesRequest } from '@shared/api/admin';
import type { MemberRow } from './member.queries';
import { lockMember, listStaff, replaceScopes, searchMembers } from './role.queries';
import { changeRoleInTx } from './role.change';

/** What the role service needs of other features. */
export interface RoleServiceDeps {
  db: Database;
  twoFactor: SecondFactorCheck;
  /** Whether a category exists (scopes name categories). */
  categoryExists(id: string): Promise<boolean>;
}

/** A member as admins manage them, with whether they hold a second factor. */
export interface ManagedMember {
  member: MemberRow;
  twoFactorEnabled: boolean;
}

/** Role and scope management is for active admins only (moderators manage content, not staff). */
function assertAdmin(actor: MemberRow): void {
  if (actor.role !== 'admin' || actor.status !== 'active') throw forbidden();
}

/** A position in the member search: the last name and id seen. */
function decodeCursor(value: string | undefined): { name: string; id: string } | undefined {
  if (!value) return undefined;
  const [name, id] = decodeCursorTuple(value, 2);
  return { name: cursorText(name, LIMITS.displayNameMax), id: cursorUuid(id) };
}

const encodeCursor = (member: MemberRow) => encodeCursorTuple([member.displayName, member.id]);

/**
 * Staff roles and moderator scopes. Admins grant and remove the moderator and admin roles and limit
 * moderators to categories; the network always keeps one admin. A changed role takes effect on the
 * member's next request (the session reads the role each time), so nothing is ended behind their back.
 */
export function createRoleService(deps: RoleServiceDeps) {
  const { db } = deps;

  const withTwoFactor = async (rows: MemberRow[]): Promise<ManagedMember[]> =>
    Promise.all(
      rows.map(async (member) => ({ member, twoFactorEnabled: await deps.twoFactor.isEnabled(member.id) })),
    );

  return {
    /** Every moderator and admin, admins first. */
    async staff(actor: MemberRow): Promise<ManagedMember[]> {
      assertAdmin(actor);
      return withTwoFactor(await listStaff(db));
    },

    /** Members found by name, handle or e-mail, for granting a role. */
    async search(actor: MemberRow, query: AdminMemberQuery) {
      assertAdmin(actor);
      const after = decodeCursor(query.cursor);
      const rows = await searchMembers(db, { q: query.q || undefined, after, limit: query.limit + 1 });
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page.at(-1);
      return {
        items: await withTwoFactor(page),
        nextCursor: more && last ? encodeCursor(last) : null,
      };
    },

    /**
     * Gives a member a role. Leaving the moderator role clears their scopes (admins moderate everything,
     * members nothing); the last admin cannot step down or be demoted.
     */
    async changeRole(actor: MemberRow, memberId: string, input: ChangeRoleRequest): Promise<ManagedMember> {
      assertAdmin(actor);
      const changed = await db.transaction(async (tx) => {
        const change = await changeRoleInTx(
          tx,
          memberId,
          input.role,
          { actorId: actor.id },
          input.reason || null,
        );
        if (!change) throw notFound();
        // The rooms the member's sockets are in are re-checked against the new role.
        recordEvent(tx, { type: 'member.powers.changed', memberId });
        return change.after;
      });
      return { member: changed, twoFactorEnabled: await deps.twoFactor.isEnabled(changed.id) };
    },

    /** Limits a moderator to these categories; none means every category. */
    async changeScopes(
      actor: MemberRow,
      memberId: string,
      input: ChangeScopesRequest,
    ): Promise<ManagedMember> {
      assertAdmin(actor);
      const categoryIds = [...new Set(input.categoryIds)].sort();
      const known = await Promise.all(categoryIds.map((id) => deps.categoryExists(id)));
      if (known.includes(false)) throw validationError({ categoryIds: { code: 'invalid_value' } });
      const changed = await db.transaction(async (tx) => {
        const target = await lockMember(tx, memberId);
        if (!target) throw notFound();
        if (target.role !== 'moderator') throw new AppError(409, 'scopes_for_moderators_only');
        const before = target.scopes;
        const after = categoryIds.length ? categoryIds : null;
        if (JSON.stringify(before) === JSON.stringify(after)) return target;
        await replaceScopes(tx, memberId, categoryIds);
        await audit.record(tx, {
          actorId: actor.id,
          action: 'member.scopes',
          targetType: 'member',
          targetId: memberId,
          before: { scopes: before },
          after: { scopes: after },
        });
        recordEvent(tx, { type: 'member.powers.changed', memberId });
        return (await lockMember(tx, memberId)) ?? target;
      });
      return { member: changed, twoFactorEnabled: await deps.twoFactor.isEnabled(changed.id) };
    },
  };
}

/** The role and scope service. */
export type RoleService = ReturnType<typeof createRoleService>;
