import type { Executor } from '@server/db/pool';
import type { PostAudience } from '@shared/domain-events';
import type { MemberService } from '@server/members';
import { actorOf, canRead } from './thread.policy';
import { followerIdsOf } from './thread.queries';

/**
 * The audience of a new post, read inside its transaction: mentioned members, the parent's author and
 * the thread's followers, keeping only active members who may read the category (a mention in a
 * moderators-only thread does not tell a member the thread exists).
 */
export async function audienceOf(
  tx: Executor,
  members: MemberService,
  post: { id: string; threadId: string; authorId: string; parentAuthorId: string | null },
  thread: { title: string; categoryId: string; readAccess: 'public' | 'members' | 'moderators' },
  mentions: string[],
): Promise<PostAudience> {
  const followerIds = await followerIdsOf(tx, post.threadId);
  const mentioned = mentions.length ? await members.findManyByHandles(mentions, tx) : [];
  const candidates = new Set([...followerIds, ...mentioned.map((m) => m.id)]);
  if (post.parentAuthorId) candidates.add(post.parentAuthorId);
  candidates.delete(post.authorId);
  const people = await members.findManyByIds([...candidates], tx);
  const allowed = new Set(
    people
      .filter((m) => m.status === 'active' && canRead(actorOf(m), thread.readAccess, thread.categoryId))
      .map((m) => m.id),
  );
  return {
    postId: post.id,
    threadId: post.threadId,
    threadTitle: thread.title,
    authorId: post.authorId,
    parentAuthorId: post.parentAuthorId && allowed.has(post.parentAuthorId) ? post.parentAuthorId : null,
    mentionedIds: mentioned.map((m) => m.id).filter((id) => allowed.has(id)),
    followerIds: followerIds.filter((id) => allowed.has(id)),
  };
}
