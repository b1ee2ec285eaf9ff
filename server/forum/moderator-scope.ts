import type { Executor } from '@server/db/pool';
import type { MemberRow } from '@server/members/member.queries';
import { isModerator, type Actor } from '@shared/forum-policy';
import { scopesOf } from './curation.queries';
import { actorOf } from './thread.policy';

/**
 * The acting member with the categories they are limited to, for `moderatesCategory`. Only moderators
 * have scopes (admins are never limited), so nobody else costs a query.
 */
export async function scopedActor(db: Executor, member: MemberRow | null): Promise<Actor | null> {
  const actor = actorOf(member);
  if (!actor || actor.role !== 'moderator' || !isModerator(actor)) return actor;
  return { ...actor, scopes: await scopesOf(db, actor.id) };
}
