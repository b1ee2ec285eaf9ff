import { AppError } from '@server/errors';
import type { Database, Executor } from '@server/db/pool';
import type { Locale } from '@shared/constants';
import type { UpdateAccountRequest } from '@shared/api/account';
import { randomInt } from 'node:crypto';
import { LIMITS } from '@shared/constants';
import {
  activateApplicant,
  countMembers,
  deleteMemberRow,
  findMemberByEmail,
  findMemberById,
  findMembersByHandles,
  findMembersByIds,
  handleExists,
  insertMember,
  liftExpiredSuspensions,
  markApplicationDeclined,
  updateMember,
  updateMemberIdentity,
  type MemberRow,
  type NewMember,
} from './member.queries';
import { canWrite } from './member.policy';
import { isUniqueViolation } from '@server/db/errors';

/** Makes an applicant an active member, inside the approving moderator's transaction. */
export function activateApplicantInTx(tx: Executor, memberId: string): Promise<void> {
  return activateApplicant(tx, memberId);
}

/** Marks an application declined (the account stays pending: it reads but never writes), in the caller's transaction. */
export function declineApplicationInTx(tx: Executor, memberId: string): Promise<void> {
  return markApplicationDeclined(tx, memberId);
}

/** Writes a member's name, handle or profile completion inside the caller's transaction (profile edits). */
export function updateMemberIdentityInTx(
  tx: Executor,
  memberId: string,
  changes: Partial<Pick<MemberRow, 'displayName' | 'handle' | 'profileCompletedAt'>>,
): Promise<void> {
  return updateMemberIdentity(tx, memberId, changes);
}

/** Loads one member inside the caller's transaction (personal-data erasure reads who they were). */
export function findMemberInTx(tx: Executor, memberId: string): Promise<MemberRow | undefined> {
  return findMemberById(tx, memberId);
}

/**
 * Deletes a member's account row inside the caller's transaction (account deletion, after every
 * feature erased its part): foreign keys cascade to private data and detach public content.
 */
export function deleteMemberInTx(tx: Executor, memberId: string): Promise<void> {
  return deleteMemberRow(tx, memberId);
}

/** Throws the reason a member may not write (awaiting approval, or suspended). */
export function assertCanWrite(member: MemberRow): void {
  if (canWrite(member)) return;
  throw new AppError(403, member.status === 'pending' ? 'account_pending' : 'account_suspended');
}

/** A URL-safe handle from a display name: "María José Núñez" → "maria_jose_nunez". */
export function handleFromName(displayName: string): string {
  const base = displayName
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, LIMITS.handleMax - 5);
  return base.length >= LIMITS.handleMin ? base : `${base}_member`.replace(/^_/, '');
}

/** Account operations on members: what the session and settings need. */
export function createMemberService(db: Database) {
  return {
    /**
     * The member behind a session, if the account still exists. A suspension whose end has passed is
     * lifted here, so a member is active again on their next request even between sweeps.
     */
    async findById(id: string): Promise<MemberRow | undefined> {
      const member = await findMemberById(db, id);
      if (member?.status === 'suspended' && member.suspendedUntil && member.suspendedUntil <= new Date()) {
        await liftExpiredSuspensions(db, id);
        return findMemberById(db, id);
      }
      return member;
    },

    /** Lifts every suspension that has ended (the periodic sweep); returns whom it made active. */
    liftExpiredSuspensions(): Promise<string[]> {
      return liftExpiredSuspensions(db);
    },

    /**
     * Suspends a member inside a moderation transaction (until `until`, or indefinitely), or makes them
     * active again with `null`.
     */
    async setSuspension(
      tx: Executor,
      id: string,
      suspension: { until: Date | null; reason: string } | null,
    ): Promise<MemberRow | undefined> {
      return updateMember(
        tx,
        id,
        suspension
          ? { status: 'suspended', suspendedUntil: suspension.until, suspensionReason: suspension.reason }
          : { status: 'active', suspendedUntil: null, suspensionReason: null },
      );
    },

    /** The members with these ids; unknown ids are left out (`tx`: inside a caller's transaction). */
    findManyByIds(ids: readonly string[], tx: Executor = db): Promise<MemberRow[]> {
      return findMembersByIds(tx, ids);
    },

    /** The members with these handles; unknown handles are left out (`tx` as above). */
    findManyByHandles(handles: readonly string[], tx: Executor = db): Promise<MemberRow[]> {
      return findMembersByHandles(tx, handles);
    },

    /** The handles among `handles` that belong to members (mentions link only to real people). */
    async knownHandles(handles: string[]): Promise<Set<string>> {
      return new Set((await findMembersByHandles(db, handles.slice(0, 50))).map((m) => m.handle));
    },

    /** How many accounts exist. */
    count(): Promise<number> {
      return countMembers(db);
    },

    /** The member with this (lower-cased) e-mail. */
    findByEmail(email: string): Promise<MemberRow | undefined> {
      return findMemberByEmail(db, email);
    },

    /**
     * Creates an account with a unique handle derived from the display name. Two registrations with the
     * same e-mail racing each other end in one account and one `email_taken`.
     */
    async create(input: Omit<NewMember, 'handle'>): Promise<MemberRow> {
      const base = handleFromName(input.displayName);
      let handle = base;
      for (let attempt = 0; attempt < 8; attempt += 1) {
        if (attempt > 0 || (await handleExists(db, handle))) handle = `${base}_${randomInt(1000, 10000)}`;
        try {
          return await db.transaction((tx) => insertMember(tx, { ...input, handle }));
        } catch (error) {
          if (isUniqueViolation(error, 'members_email_key')) {
            throw new AppError(409, 'email_taken', { fields: { email: { code: 'email_taken' } } });
          }
          if (!isUniqueViolation(error, 'members_handle_key')) throw error;
        }
      }
      throw new Error('could not find a free handle');
    },

    /** Remembers the language a member chose; a preference, so allowed whatever the account's state. */
    async setLocale(member: MemberRow, locale: Locale): Promise<MemberRow> {
      return (await updateMember(db, member.id, { locale })) ?? member;
    },

    /**
     * Changes account settings. The display name is shown beside everything a member writes, so changing
     * it is writing; the language is only a preference.
     */
    async updateAccount(member: MemberRow, input: UpdateAccountRequest): Promise<MemberRow> {
      if (input.displayName !== undefined) assertCanWrite(member);
      return (await updateMember(db, member.id, input)) ?? member;
    },

    /** The member, read inside another feature's transaction. */
    findInTx(tx: Executor, id: string): Promise<MemberRow | undefined> {
      return findMemberById(tx, id);
    },

    /**
     * Account-e-mail changes made inside another feature's transaction (a reset sets the password, a
     * confirmed link verifies or changes the address).
     */
    async applyAccountChange(
      tx: Executor,
      id: string,
      changes: { passwordHash?: string; email?: string; emailVerifiedAt?: Date },
    ): Promise<MemberRow | undefined> {
      return updateMember(tx, id, changes);
    },

    /** Stores a new password hash (the caller checked the current password and the rules). */
    async setPasswordHash(member: MemberRow, passwordHash: string): Promise<MemberRow> {
      return (await updateMember(db, member.id, { passwordHash })) ?? member;
    },
  };
}

/** The member service. */
export type MemberService = ReturnType<typeof createMemberService>;
