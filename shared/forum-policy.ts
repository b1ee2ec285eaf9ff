/**
 * Who may do what on threads and posts. The server's services enforce these; the client uses the same
 * predicates only to hide actions a member could not take.
 */
import type { MemberStatus, Role } from './constants';

/** The acting member, or null for a visitor. */
export interface Actor {
  id: string;
  role: Role;
  status: MemberStatus;
  /**
   * For a moderator limited to some categories, those categories' ids; null or absent moderates every
   * category. Admins are never limited.
   */
  scopes?: readonly string[] | null;
}

/** Moderators and admins curate. */
export const isModerator = (actor: Actor | null): boolean =>
  actor !== null && (actor.role === 'moderator' || actor.role === 'admin');

/**
 * Whether the actor moderates content in this category. Scoped moderators moderate only their
 * categories, and nothing outside a category (messages, profiles, members) — that is for moderators
 * with no scope and admins.
 */
export const moderatesCategory = (actor: Actor | null, categoryId: string | null): boolean => {
  if (actor === null || !isModerator(actor)) return false;
  if (actor.role === 'admin' || !actor.scopes) return true;
  return categoryId !== null && actor.scopes.includes(categoryId);
};

/** Whether the actor moderates everything (admins, and moderators with no scope). */
export const isGlobalModerator = (actor: Actor | null): boolean => moderatesCategory(actor, null);

/** Pending and suspended accounts read but do not write. */
export const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';

/** Authors edit and delete their own posts; moderators those in the categories they moderate. */
export const canEditPost = (
  actor: Actor | null,
  post: { authorId: string | null; deleted: boolean; categoryId: string },
): boolean =>
  isActive(actor) &&
  !post.deleted &&
  (post.authorId === actor.id || moderatesCategory(actor, post.categoryId));

/** Revisions are visible to the author and to moderators of the post's category. */
export const canSeeRevisions = (
  actor: Actor | null,
  post: { authorId: string | null; categoryId: string },
): boolean => actor !== null && (post.authorId === actor.id || moderatesCategory(actor, post.categoryId));

/** Replies go to unlocked threads from active members; the category's moderators may still reply to locked ones. */
export const canReply = (actor: Actor | null, thread: { locked: boolean; categoryId: string }): boolean =>
  isActive(actor) && (!thread.locked || moderatesCategory(actor, thread.categoryId));

/** The author of a question (or a moderator of its category) accepts an answer. */
export const canAccept = (
  actor: Actor | null,
  thread: { kind: 'question' | 'discussion'; authorId: string | null; categoryId: string },
): boolean =>
  isActive(actor) &&
  thread.kind === 'question' &&
  (thread.authorId === actor.id || moderatesCategory(actor, thread.categoryId));
