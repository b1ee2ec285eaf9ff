import type { Database } from '@server/db/pool';
import type { Logger } from '@server/logger';
import type { MailItem, MailSection, MailService } from '@server/mail';
import type { MemberRow, MemberService } from '@server/members';
import type { ForumDigest } from '@server/forum';
import type { MemberThemes } from '@server/directory';
import { threadPath } from '@shared/routes';
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS, type NotificationKind } from '@shared/api/notifications';
import {
  claimPeriod,
  digestNotifications,
  dueMembers,
  finishPeriod,
  lastDigestUntil,
  timeZonesInUse,
  type DueMember,
} from './digest.queries';
import { dueAt, isKnownTimeZone } from './digest.time';
import { DEFAULT_TIME_ZONE } from './notification.service';

const DAY_MS = 86_400_000;
/** Lines per section: a digest is a summary, the app has the rest. */
const SECTION_LIMIT = 5;
const BATCH = 100;
/** Notifications whose source is a forum post: shown only while the member may still read that post. */
const FORUM_KINDS: ReadonlySet<NotificationKind> = new Set([
  'reply_to_post',
  'reply_in_followed',
  'mention',
  'answer_accepted',
]);

/** The contents of one member's digest, before it is written. */
interface DigestContent {
  sections: MailSection[];
  itemCount: number;
}

/**
 * Digests: once per member per period (their local morning; daily, or weekly on Monday), one e-mail in
 * their language with the notifications they chose to get in the digest, the most active threads they
 * follow or in their themes, and new questions in their themes still waiting for an answer. The
 * period's row and the e-mail are written in one transaction; the row's key makes it happen once.
 */
export function createDigestService(deps: {
  db: Database;
  members: MemberService;
  forum: ForumDigest;
  themes: MemberThemes;
  mail: MailService;
  logger: Logger;
}) {
  const { db, forum, mail } = deps;

  const compose = async (
    member: MemberRow,
    due: DueMember,
    since: Date,
    until: Date,
  ): Promise<DigestContent> => {
    const digestKinds = NOTIFICATION_KINDS.filter(
      (kind) => (due.kinds[kind] ?? DEFAULT_DELIVERY[kind]) === 'digest',
    );
    const waiting = await digestNotifications(db, {
      memberId: member.id,
      kinds: digestKinds,
      since,
      until,
      limit: SECTION_LIMIT * 4,
    });
    const readable = await forum.readablePosts(
      member,
      waiting.filter((n) => FORUM_KINDS.has(n.kind)).map((n) => n.sourceId),
    );
    const mentionedThreads = new Set(readable.values());
    const notifications: MailItem[] = waiting
      .filter((n) => !FORUM_KINDS.has(n.kind) || readable.has(n.sourceId))
      .slice(0, SECTION_LIMIT)
      .map((n) => ({
        title: n.title || (n.actorName ?? ''),
        link: n.link,
        detail: { key: n.kind, params: { count: n.count, actor: n.actorName ?? '' } },
      }));

    const themes = await deps.themes.of(member.id);
    const window = { themes, since, until };
    const active = (await forum.mostActive(member, { ...window, limit: SECTION_LIMIT * 2 }))
      .filter((thread) => !mentionedThreads.has(thread.id))
      .slice(0, SECTION_LIMIT)
      .map<MailItem>((thread) => ({
        title: thread.title,
        link: threadPath(thread.id),
        detail: { key: 'newPosts', params: { count: thread.newPosts } },
      }));
    const questions = (await forum.unanswered(member, { ...window, limit: SECTION_LIMIT })).map<MailItem>(
      (q) => ({
        title: q.title,
        link: threadPath(q.id),
        detail: {
          key: q.replies === 0 ? 'noReplies' : 'fewReplies',
          params: { count: q.replies, category: q.category },
        },
      }),
    );
    const sections: MailSection[] = [
      { key: 'notifications' as const, items: notifications },
      { key: 'activity' as const, items: active },
      { key: 'questions' as const, items: questions },
    ].filter((section) => section.items.length > 0);
    return { sections, itemCount: notifications.length + active.length + questions.length };
  };

  /** Builds and writes one member's digest for the period, unless someone already did. */
  const deliver = async (due: DueMember, period: string, now: Date): Promise<'sent' | 'empty' | 'taken'> => {
    const member = await deps.members.findById(due.memberId);
    if (!member) return 'taken';
    const periodMs = due.frequency === 'weekly' ? 7 * DAY_MS : DAY_MS;
    const last = await lastDigestUntil(db, member.id);
    const since = last && last < now ? last : new Date(now.getTime() - periodMs);
    // Read outside the transaction: the embedded database has one connection, and a concurrent
    // scheduler that composed the same digest simply loses the claim below.
    const content = await compose(member, due, since, now);
    const outcome = await db.transaction(async (tx) => {
      const claim = { memberId: member.id, period, frequency: due.frequency, since, until: now };
      if (!(await claimPeriod(tx, claim))) return 'taken' as const;
      if (content.itemCount === 0) return 'empty' as const;
      const [outboxId = null] = await mail.enqueue(tx, [
        {
          memberId: member.id,
          to: member.email,
          locale: member.locale,
          template: 'digest',
          kind: 'digest',
          data: {
            name: member.displayName,
            link: '/',
            params: { frequency: due.frequency },
            sections: content.sections,
          },
        },
      ]);
      await finishPeriod(tx, { memberId: member.id, period, itemCount: content.itemCount, outboxId });
      return 'sent' as const;
    });
    return outcome;
  };

  return {
    /**
     * Writes every digest due at `now` (the scheduler's clock): for each time zone in use where it is
     * morning, the members of that zone without a digest for today's period. Returns what it did.
     */
    async runAt(now: Date): Promise<{ sent: number; empty: number }> {
      const totals = { sent: 0, empty: 0 };
      const zones = new Set([DEFAULT_TIME_ZONE, ...(await timeZonesInUse(db))]);
      for (const timeZone of zones) {
        if (!isKnownTimeZone(timeZone)) {
          deps.logger.warn({ timeZone }, 'digest skipped for an unknown time zone');
          continue;
        }
        const { period, frequencies } = dueAt(now, timeZone);
        if (!frequencies.length) continue;
        let afterId: string | null = null;
        for (;;) {
          const batch = await dueMembers(db, {
            timeZone,
            isDefaultZone: timeZone === DEFAULT_TIME_ZONE,
            frequencies,
            period,
            afterId,
            limit: BATCH,
          });
          for (const due of batch) {
            try {
              const outcome = await deliver(due, period, now);
              if (outcome !== 'taken') totals[outcome] += 1;
            } catch (error) {
              deps.logger.error({ err: error, memberId: due.memberId, period }, 'digest failed');
            }
          }
          afterId = batch.at(-1)?.memberId ?? null;
          if (batch.length < BATCH) break;
        }
      }
      return totals;
    },
  };
}

/** The digest service. */
export type DigestService = ReturnType<typeof createDigestService>;
