import { AppError } from '@server/errors';
import type { MemberRow } from '@server/members';
import { isModerator, moderatesCategory, type Actor } from '@shared/forum-policy';
import type { HiddenThreadsShown, ReadableAccess } from './thread.queries';

export {
  canAccept,
  canEditPost,
  canReply,
  canSeeRevisions,
  isModerator,
  moderatesCategory,
} from '@shared/forum-policy';

/** A member as `actorOf` reads it. */
type ActingMember = Pick<MemberRow, 'id' | 'role' | 'status' | 'twoFactorEnabled'> & {
  scopes?: string[] | null;
};

/**
 * The acting member as the shared predicates take it, with the categories a scoped moderator
 * moderates. Staff powers come with a second factor: a moderator or admin without one acts as a
 * member (reads no moderators-only category, nobody else's revisions), so that a password alone
 * opens nothing beyond a member's view.
 */
export function actorOf(member: ActingMember): Actor;
export function actorOf(member: ActingMember | null | undefined): Actor | null;
export function actorOf(member: ActingMember | null | undefined): Actor | null {
  if (!member) return null;
  if (member.role !== 'member' && !member.twoFactorEnabled) {
    return { id: member.id, role: 'member', status: member.status, scopes: null };
  }
  return claimedActorOf(member);
}

/**
 * The acting member with the role as stored, second factor or not: only where a refusal must say
 * `second_factor_required` (a moderator's action on others' content, followed by
 * `assertModeratorSecondFactor`), so the member learns to enrol rather than that they may not.
 */
export function claimedActorOf(member: Omit<ActingMember, 'twoFactorEnabled'>): Actor {
  // A moderator whose scopes were not read is treated as moderating nothing rather than everything.
  const scopes = member.scopes === undefined && member.role === 'moderator' ? [] : (member.scopes ?? null);
  return { id: member.id, role: member.role, status: member.status, scopes };
}

/**
 * Whether a member may act on someone else's content by virtue of moderating it: only with a second factor
 * enrolled, on the routes staff share with authors as on the staff routes (a stolen password alone must
 * not rewrite, delete, lock or pin others' content).
 */
export const mayActAsModerator = (member: Pick<MemberRow, 'twoFactorEnabled'>): boolean =>
  member.twoFactorEnabled;

/** Refuses a moderator's action on others' content without a second factor, as the staff guard does. */
export function assertModeratorSecondFactor(member: Pick<MemberRow, 'twoFactorEnabled'>): void {
  if (!mayActAsModerator(member)) throw new AppError(403, 'second_factor_required');
}

/**
 * Which categories' threads a reader may see in lists: public ones; members-only once signed in;
 * moderators-only ones for moderators of every category and admins. A scoped moderator reads a
 * moderators-only category only when it is one of theirs, which lists cannot tell from the level alone,
 * so lists leave those out for them; `canRead` with the category decides a direct read.
 */
export function readableAccess(actor: Actor | null): ReadableAccess {
  if (!actor) return ['public'];
  return moderatesCategory(actor, null) ? ['public', 'members', 'moderators'] : ['public', 'members'];
}

/** Whether a reader may read threads of a category with this access level (`categoryId`: that category). */
export function canRead(
  actor: Actor | null,
  access: 'public' | 'members' | 'moderators',
  categoryId: string | null = null,
): boolean {
  if (access === 'moderators') return isModerator(actor) && moderatesCategory(actor, categoryId);
  return readableAccess(actor).includes(access);
}

/**
 * Which hidden or removed threads lists show a reader: every one to moderators of every category, those
 * of their categories to scoped moderators, and their own threads waiting for review to authors.
 * Visitors (`null`) see none.
 */
export function hiddenThreadsShown(actor: Actor | null): HiddenThreadsShown {
  return {
    all: isModerator(actor) && !actor?.scopes,
    categoryIds: isModerator(actor) ? (actor?.scopes ?? []) : [],
    authorId: actor?.id ?? null,
  };
}
