import type { Config } from '@server/config';
import type { Database, Tx } from '@server/db/pool';
import { AppError, forbidden, notFound } from '@server/errors';
import { isStaff, type MemberRow } from '@server/members';
import { audit } from '@server/audit';
import {
  actorOf,
  countPublishedPostsOf,
  type ForumModeration,
  type PostScreening,
  type PostService,
  type ScreenedContent,
  type ScreenVerdict,
} from '@server/forum';
import type { NotificationService } from '@server/notifications';
import { isModerator, moderatesCategory } from '@shared/forum-policy';
import { SAFEGUARD_LIMITS, type HeldPostDto } from '@shared/api/safeguards';
import { PATHS, threadPath } from '@shared/routes';
import type { WatchedWordService } from './watched-words.service';
import type { ProfileScreening } from '@server/directory';
import { countLinks } from './watched-words.match';
import {
  insertNotice,
  listHeldPosts,
  lockOpenReviewItems,
  openItem,
  resolveItem,
  resolveOthersOnTarget,
  setItemSnapshot,
} from './safeguards.queries';
import { findItem, recategorizeItems } from './moderation.queries';
import { currentCategory } from './queue.service';
import { snapshotVersion } from './moderation.presenter';

/** Whether an account is young enough for the link limit. */
export function isYoungAccount(member: Pick<MemberRow, 'createdAt'>, now = Date.now()): boolean {
  return now - member.createdAt.getTime() < SAFEGUARD_LIMITS.newAccountHours * 3600_000;
}

/** Refuses more links than a young account may post (staff are never limited). */
export function assertLinkLimit(member: MemberRow, links: number, max: number): void {
  if (isStaff(member) || !isYoungAccount(member) || links <= max) return;
  throw new AppError(422, 'too_many_links', {
    params: { max, hours: SAFEGUARD_LIMITS.newAccountHours },
  });
}

/**
 * The forum's safeguards. A member is "new" while fewer than `NEW_MEMBER_REVIEW_POSTS` of their posts
 * have been published (posts waiting for review or rejected do not count); moderators and admins never
 * are. Watched words apply to everyone but staff: `block` refuses the text, `require_approval` holds it
 * for review, `flag` publishes it and queues it. Young accounts may post only a few links.
 */
export function createPostScreening(
  db: Database,
  config: Pick<Config, 'newMemberReviewPosts' | 'newAccountMaxLinks'>,
  words: WatchedWordService,
): PostScreening {
  return {
    async screen(content: ScreenedContent): Promise<ScreenVerdict> {
      const { member } = content;
      if (isStaff(member)) return { hold: null, flag: false, words: [] };
      assertLinkLimit(member, countLinks(content.html), config.newAccountMaxLinks);
      const found = await words.find(content.lang, [content.title ?? '', content.body]);
      if (found.some((w) => w.action === 'block')) throw new AppError(422, 'watched_word_blocked');
      const matched = found.map((w) => w.word);
      const needsApproval = found.some((w) => w.action === 'require_approval');
      const flagged = found.some((w) => w.action === 'flag');
      // An edit of something readers already saw is reviewed, not withdrawn.
      if (content.edit) return { hold: null, flag: needsApproval || flagged, words: matched };
      if (needsApproval) return { hold: 'watched_word', flag: false, words: matched };
      if (
        config.newMemberReviewPosts > 0 &&
        (await countPublishedPostsOf(db, member.id)) < config.newMemberReviewPosts
      ) {
        return { hold: 'new_member_post', flag: flagged, words: matched };
      }
      return { hold: null, flag: flagged, words: matched };
    },

    async record(tx, verdict, post) {
      await openItem(tx, {
        kind: verdict.hold ?? 'watched_word',
        targetType: 'post',
        targetId: post.postId,
        subjectId: post.authorId,
        categoryId: post.categoryId,
        snapshot: {
          threadId: post.threadId,
          postKind: post.kind,
          title: post.title,
          source: post.body,
          html: post.html,
          words: verdict.words,
          held: verdict.hold !== null,
          version: 1,
        },
      });
    },

    relocated: (tx, content) => recategorizeItems(tx, content),

    async revised(tx, change) {
      for (const item of await lockOpenReviewItems(tx, change.postId)) {
        const version = snapshotVersion(item.snapshot) + 1;
        await setItemSnapshot(tx, item.id, {
          ...item.snapshot,
          ...(change.title !== undefined && { title: change.title }),
          ...(change.body !== undefined && { source: change.body, html: change.html ?? '' }),
          version,
        });
        await audit.record(tx, {
          actorId: change.editorId,
          action: 'item.revise',
          targetType: 'post',
          targetId: change.postId,
          after: { item: item.id, version },
        });
      }
    },
  };
}

/** What a decision on a post changed (readers and watchers hear of it through the events recorded with it). */
export type ItemDecision =
  | { resolution: 'approved'; published: Awaited<ReturnType<PostService['publish']>> }
  | {
      resolution: 'rejected';
      threadId: string | null;
      noticeId: string | null;
      /** A post readers could see (a flagged one) that watchers must now see removed. */
      removedVisiblePostId: string | null;
      /** A thread removed with its opening post: its watchers (its author) must be re-checked. */
      removedThreadId: string | null;
    };

/** Approving and rejecting what the safeguards put in the queue. */
export function createSafeguardService(deps: {
  db: Database;
  posts: PostService;
  notifications: NotificationService;
  /** Where an item's post is now (it may have moved since it was queued). */
  forum: Pick<ForumModeration, 'post' | 'thread'>;
}) {
  const { db } = deps;

  /** A safeguard item the moderator may decide on, or 404 (scoped moderators see only theirs). */
  const decidable = async (member: MemberRow, id: string) => {
    const item = await findItem(db, id);
    if (!item || (item.kind !== 'new_member_post' && item.kind !== 'watched_word')) throw notFound();
    if (!moderatesCategory(actorOf(member), await currentCategory(deps.forum, item))) throw notFound();
    return item;
  };

  const lockOpen = async (tx: Tx, id: string) => {
    const item = await findItem(tx, id, true);
    if (!item) throw notFound();
    if (item.status !== 'open' && item.status !== 'in_progress') {
      throw new AppError(409, 'item_closed');
    }
    return item;
  };

  return {
    /** The open safeguard items on posts the moderator moderates (of one thread, when asked). */
    async held(member: MemberRow, query: { threadId?: string; limit: number }): Promise<HeldPostDto[]> {
      const actor = actorOf(member);
      if (!isModerator(actor)) throw forbidden();
      const rows = await listHeldPosts(db, {
        threadId: query.threadId,
        categoryIds: actor?.role === 'admin' ? null : (actor?.scopes ?? null),
        limit: query.limit,
      });
      return rows.map((row) => {
        const snap = row.snapshot as { threadId?: string; title?: string; held?: boolean; words?: string[] };
        return {
          id: row.id,
          kind: row.kind as HeldPostDto['kind'],
          postId: row.targetId,
          threadId: snap.threadId ?? '',
          title: snap.title ?? '',
          held: snap.held ?? false,
          words: snap.words ?? [],
          version: snapshotVersion(row.snapshot),
          createdAt: row.createdAt.toISOString(),
        };
      });
    },

    /**
     * Publishes a held post (or keeps a flagged one as it is) and closes its item, audited. `version` is
     * the snapshot the moderator read: an edit since then answers 409 and publishes nothing.
     */
    async approve(member: MemberRow, id: string, version: number): Promise<ItemDecision> {
      const found = await decidable(member, id);
      return db.transaction(async (tx) => {
        // The post before the item, as an edit locks them, so an edit and a decision never interleave.
        if (found.targetType === 'post') await deps.posts.lockForDecision(tx, found.targetId);
        const item = await lockOpen(tx, id);
        if (snapshotVersion(item.snapshot) !== version) throw new AppError(409, 'item_changed');
        const published = item.targetType === 'post' ? await deps.posts.publish(tx, item.targetId) : null;
        await resolveItem(tx, id, 'approved', member.id);
        await resolveOthersOnTarget(tx, item, 'approved', member.id);
        await audit.record(tx, {
          actorId: member.id,
          action: `${item.targetType === 'profile' ? 'profile' : 'post'}.approve`,
          targetType: item.targetType,
          targetId: item.targetId,
          after: { item: id, kind: item.kind },
        });
        return { resolution: 'approved' as const, published };
      });
    },

    /**
     * Removes a queued post: it is deleted (an opening post takes its thread along), the author gets a
     * removal notice with the reason and a notification, and the item closes, audited.
     */
    async reject(
      member: MemberRow,
      id: string,
      reason: string,
    ): Promise<Extract<ItemDecision, { resolution: 'rejected' }>> {
      const found = await decidable(member, id);
      if (found.targetType !== 'post') throw new AppError(409, 'item_closed');
      return db.transaction(async (tx) => {
        await deps.posts.lockForDecision(tx, found.targetId);
        const item = await lockOpen(tx, id);
        const removed = await deps.posts.withdraw(tx, item.targetId);
        await resolveItem(tx, id, 'rejected', member.id);
        await resolveOthersOnTarget(tx, item, 'rejected', member.id);
        const authorId = removed?.authorId ?? item.subjectId;
        let noticeId: string | null = null;
        if (authorId) {
          noticeId = await insertNotice(tx, {
            memberId: authorId,
            reason,
            targetType: 'post',
            targetId: item.targetId,
            itemId: id,
          });
          await deps.notifications.record(tx, [
            {
              memberId: authorId,
              kind: 'moderation',
              groupKey: `moderation:${noticeId}`,
              actorId: null,
              title: removed?.title ?? '',
              link: removed && removed.seq > 1 ? threadPath(removed.threadId) : PATHS.notifications,
              sourceId: noticeId,
            },
          ]);
        }
        await audit.record(tx, {
          actorId: member.id,
          action: 'post.reject',
          targetType: 'post',
          targetId: item.targetId,
          reason,
          after: { item: id, kind: item.kind },
        });
        return {
          resolution: 'rejected' as const,
          threadId: removed && removed.seq > 1 ? removed.threadId : null,
          noticeId,
          removedVisiblePostId: removed && !removed.wasHidden ? item.targetId : null,
          removedThreadId: removed && removed.seq === 1 ? removed.threadId : null,
        };
      });
    },
  };
}

/** The safeguard decisions service. */
export type SafeguardService = ReturnType<typeof createSafeguardService>;

/**
 * The safeguards on profiles: a watched word in the headline, bio or organization (checked in every
 * language: a profile has none of its own) blocks the edit, or queues the profile for review (a profile
 * is never hidden, so `require_approval` queues it like `flag`). Young accounts may list only a few links.
 */
export function createProfileScreening(
  words: WatchedWordService,
  config: Pick<Config, 'newAccountMaxLinks'>,
): ProfileScreening {
  return {
    async screen(member, texts, links) {
      if (isStaff(member)) return { flag: false, words: [] };
      assertLinkLimit(member, links, config.newAccountMaxLinks);
      const found = await words.find(null, [texts.headline ?? '', texts.bio ?? '', texts.organization ?? '']);
      if (found.some((w) => w.action === 'block')) throw new AppError(422, 'watched_word_blocked');
      return { flag: found.length > 0, words: found.map((w) => w.word) };
    },
    async record(tx, member, flagged, texts) {
      await openItem(tx, {
        kind: 'watched_word',
        targetType: 'profile',
        targetId: member.id,
        subjectId: member.id,
        categoryId: null,
        snapshot: { ...texts, words: flagged.words },
      });
    },
  };
}
