import type { MemberRow } from '@server/members/member.queries';
import { isModerator, type Actor } from '@shared/forum-policy';
import type { ReadableAccess } from './thread.queries';

export {
  canAccept,
  canEditPost,
  canReply,
  canSeeRevisions,
  isModerator,
  moderatesCategory,
} from '@shared/forum-policy';

/** The acting member as the shared predicates take it. */
export function actorOf(member: MemberRow | null | undefined): Actor | null {
  return member ? { id: member.id, role: member.role, status: member.status } : null;
}

/** Which categories' threads a reader may see: public ones; members-only once signed in; staff ones for staff. */
export function readableAccess(actor: Actor | null): ReadableAccess {
  if (!actor) return ['public'];
  return isModerator(actor) ? ['public', 'members', 'moderators'] : ['public', 'members'];
}

/** Whether a reader may read threads of a category with this access level. */
export function canRead(actor: Actor | null, access: 'public' | 'members' | 'moderators'): boolean {
  return readableAccess(actor).includes(access);
}
