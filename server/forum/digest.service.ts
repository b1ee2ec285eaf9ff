import type { Database } from '@server/db/pool';
import type { MemberRow } from '@server/members';
import { actorOf, readableAccess } from './thread.policy';
import { mostActiveThreads, readablePosts, unansweredQuestions } from './digest.queries';

/** At most this many visible replies and a question still counts as unanswered. */
export const FEW_REPLIES = 1;

/**
 * What the forum gives a member's digest, always as that member may read it now: category read access,
 * and nothing hidden, deleted, archived or merged.
 */
export function createForumDigest(db: Database) {
  return {
    /** Of these posts (notification sources), those the member may still read, with their thread. */
    readablePosts(member: MemberRow, postIds: readonly string[]): Promise<Map<string, string>> {
      return readablePosts(db, postIds, readableAccess(actorOf(member)));
    },

    /** Threads with most new posts by others, among the followed ones and those in the themes. */
    mostActive(
      member: MemberRow,
      input: { themes: readonly string[]; since: Date; until: Date; limit: number },
    ) {
      return mostActiveThreads(db, {
        ...input,
        memberId: member.id,
        access: readableAccess(actorOf(member)),
      });
    },

    /** New questions in the themes without an accepted answer and with no or few replies. */
    unanswered(
      member: MemberRow,
      input: { themes: readonly string[]; since: Date; until: Date; limit: number },
    ) {
      return unansweredQuestions(db, {
        ...input,
        memberId: member.id,
        access: readableAccess(actorOf(member)),
        locale: member.locale,
        maxReplies: FEW_REPLIES,
      });
    },
  };
}

/** The forum's digest content. */
export type ForumDigest = ReturnType<typeof createForumDigest>;
