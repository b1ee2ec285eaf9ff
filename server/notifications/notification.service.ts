import type { Database, Tx } from '@server/db/pool';
import { notFound } from '@server/errors';
import type { MailService } from '@server/mail';
import type { MemberService } from '@server/members';
import { conversationPath, threadPath } from '@shared/routes';
import type { AcceptedAnswer, MessageAudience, PostAudience } from '@shared/domain-events';
import { recordEvent } from '@server/events';
import type { Locale } from '@shared/constants';
import {
  DEFAULT_DELIVERY,
  type DeliveryMode,
  type MailKind,
  type NotificationKind,
  type NotificationPage,
  type NotificationPreferencesDto,
  type UpdatePreferencesRequest,
} from '@shared/api/notifications';
import {
  countUnread,
  findBySource,
  findSettings,
  listNotifications,
  markAllRead,
  markOneRead,
  saveSettings,
  upsertNotification,
  type NewNotification,
  type SettingsRow,
} from './notification.queries';
import { cursorAfter, decodeCursor, presentNotification } from './notification.presenter';

/** The default digest time zone: most of the network lives between UTC−6 and UTC−3. */
export const DEFAULT_TIME_ZONE = 'America/Bogota';

/** The delivery mode a member chose for a kind, or the default. */
export function modeOf(settings: SettingsRow | undefined, kind: NotificationKind): DeliveryMode {
  const chosen = settings?.kinds[kind] as DeliveryMode | undefined;
  return chosen ?? DEFAULT_DELIVERY[kind];
}

/** Extra information an e-mail needs beyond the notification itself. */
interface EmailExtras {
  delaySeconds?: number;
  params?: Record<string, string | number>;
}

/** In-app notifications, their e-mails and the members' preferences. */
export function createNotificationService(deps: {
  db: Database;
  members: MemberService;
  mail: MailService;
  messageDelaySeconds: number;
}) {
  const { db, members, mail } = deps;

  /**
   * Writes notifications (and the e-mails of members who want them now) inside the caller's
   * transaction, following each member's preference for the kind. Each source written is delivered
   * live once the transaction commits (`notifications.written`).
   */
  const record = async (tx: Tx, events: NewNotification[], extras: EmailExtras = {}) => {
    if (!events.length) return;
    const ids = [...new Set(events.map((e) => e.memberId))];
    const actorIds = events.map((e) => e.actorId).filter((id): id is string => id !== null);
    const settings = new Map((await findSettings(tx, ids)).map((row) => [row.memberId, row]));
    const people = new Map((await members.findManyByIds([...ids, ...actorIds], tx)).map((m) => [m.id, m]));
    const seen = new Set<string>();
    for (const event of events) {
      // One notification per member and event, the most specific kind first.
      if (seen.has(event.memberId)) continue;
      seen.add(event.memberId);
      const mode = modeOf(settings.get(event.memberId), event.kind);
      if (mode === 'off') continue;
      await upsertNotification(tx, event);
      recordEvent(tx, { type: 'notifications.written', sourceId: event.sourceId });
      const recipient = people.get(event.memberId);
      if (mode !== 'email' || !recipient) continue;
      const actor = event.actorId ? people.get(event.actorId) : undefined;
      await mail.enqueue(tx, [
        {
          memberId: recipient.id,
          to: recipient.email,
          locale: recipient.locale,
          template: 'notification',
          kind: event.kind,
          delaySeconds: extras.delaySeconds,
          data: {
            name: recipient.displayName,
            link: event.link,
            params: {
              actor: actor?.displayName ?? '',
              title: event.title || (actor?.displayName ?? ''),
              ...extras.params,
            },
          },
        },
      ]);
    }
  };

  /** Who hears of what, inside the transaction of the event: the feature's `inTransaction` listeners. */
  const listeners = {
    /** A new post: mentions, a reply to one's post, a reply in a followed thread. */
    async postCreated(tx: Tx, a: PostAudience) {
      const base = { actorId: a.authorId, title: a.threadTitle, sourceId: a.postId };
      const link = `${threadPath(a.threadId)}#post-${a.postId}`;
      const events: NewNotification[] = [
        ...a.mentionedIds.map((memberId) => ({
          ...base,
          memberId,
          kind: 'mention' as const,
          groupKey: `mention:${a.threadId}`,
          link,
        })),
        ...(a.parentAuthorId
          ? [
              {
                ...base,
                memberId: a.parentAuthorId,
                kind: 'reply_to_post' as const,
                groupKey: `reply:${a.threadId}`,
                link,
              },
            ]
          : []),
        ...a.followerIds.map((memberId) => ({
          ...base,
          memberId,
          kind: 'reply_in_followed' as const,
          groupKey: `reply:${a.threadId}`,
          link,
        })),
      ];
      await record(tx, events);
    },
    async answerAccepted(tx: Tx, a: AcceptedAnswer) {
      await record(tx, [
        {
          memberId: a.answerAuthorId,
          kind: 'answer_accepted',
          groupKey: `accepted:${a.postId}`,
          actorId: a.acceptedById,
          title: a.threadTitle,
          link: `${threadPath(a.threadId)}#post-${a.postId}`,
          sourceId: a.postId,
        },
      ]);
    },

    /** A new message: in-app for every recipient, e-mailed after the delay unless read by then. */
    async messageCreated(tx: Tx, a: MessageAudience) {
      const link = conversationPath(a.conversationId);
      for (const r of a.recipients) {
        await record(
          tx,
          [
            {
              memberId: r.memberId,
              kind: r.requested ? 'message_request' : 'message',
              groupKey: `conversation:${a.conversationId}`,
              actorId: a.authorId,
              title: a.title ?? '',
              link,
              sourceId: a.messageId,
            },
          ],
          {
            delaySeconds: r.requested ? 0 : deps.messageDelaySeconds,
            params: { conversationId: a.conversationId, seq: a.seq },
          },
        );
      }
    },
  };

  return {
    record,
    listeners,

    /** The notifications an event wrote, with each recipient's unread count, for live delivery. */
    async written(sourceId: string) {
      const rows = await findBySource(db, sourceId);
      return Promise.all(
        rows.map(async (row) => ({
          memberId: row.memberId,
          notification: presentNotification(row),
          unread: await countUnread(db, row.memberId),
        })),
      );
    },

    /** A page of the member's notifications. */
    async list(memberId: string, query: { cursor?: string; limit: number }): Promise<NotificationPage> {
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      const rows = await listNotifications(db, memberId, after, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(presentNotification),
        nextCursor: rows.length > query.limit && last ? cursorAfter(last) : null,
        unread: await countUnread(db, memberId),
      };
    },

    /** The unread count (the badge). */
    unread: (memberId: string) => countUnread(db, memberId),

    /** Marks one notification read (404 when not the member's); returns the new unread count. */
    async markRead(memberId: string, id: string): Promise<number> {
      return db.transaction(async (tx) => {
        if (!(await markOneRead(tx, memberId, id))) throw notFound();
        const unread = await countUnread(tx, memberId);
        // The member's other tabs update their badge.
        recordEvent(tx, { type: 'notifications.read', memberId, unread });
        return unread;
      });
    },

    /** Marks everything read. */
    async markAllRead(memberId: string): Promise<number> {
      await db.transaction(async (tx) => {
        await markAllRead(tx, memberId);
        recordEvent(tx, { type: 'notifications.read', memberId, unread: 0 });
      });
      return 0;
    },

    /** The member's preferences, defaults filled in. */
    async preferences(memberId: string): Promise<NotificationPreferencesDto> {
      const [row] = await findSettings(db, [memberId]);
      const kinds = Object.fromEntries(
        Object.keys(DEFAULT_DELIVERY).map((kind) => [kind, modeOf(row, kind as NotificationKind)]),
      ) as NotificationPreferencesDto['kinds'];
      return { kinds, digest: row?.digest ?? 'daily', timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE };
    },

    /** Saves (part of) the member's preferences. */
    async updatePreferences(memberId: string, input: UpdatePreferencesRequest) {
      await saveSettings(db, memberId, {
        kinds: input.kinds,
        digest: input.digest,
        timeZone: input.timeZone,
      });
      return this.preferences(memberId);
    },

    /**
     * One-click unsubscribe: this kind stops coming by e-mail (it stays in the app); for the digest, the
     * digest stops and every other preference stays as it was.
     */
    async unsubscribe(memberId: string, kind: MailKind): Promise<void> {
      if (!(await members.findById(memberId))) throw notFound();
      if (kind === 'digest') await saveSettings(db, memberId, { digest: 'off' });
      else await saveSettings(db, memberId, { kinds: { [kind]: 'in_app' } });
    },

    /** The language of a member's e-mails (and of the pages their links open without a session). */
    async localeOf(memberId: string): Promise<Locale | undefined> {
      return (await members.findById(memberId))?.locale;
    },
  };
}

/** The notification service. */
export type NotificationService = ReturnType<typeof createNotificationService>;
