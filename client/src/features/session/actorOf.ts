import type { SessionResponse } from '@shared/api/session';
import type { Actor } from '@shared/forum-policy';

/**
 * The signed-in member as the shared policy predicates (`@shared/forum-policy`) take it, with the categories
 * a scoped moderator moderates; null for a visitor.
 */
export function actorOf(user: SessionResponse['user']): Actor | null {
  return user ? { id: user.id, role: user.role, status: user.status, scopes: user.scopes } : null;
}
