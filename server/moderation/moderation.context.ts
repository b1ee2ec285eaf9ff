import type { Database, Tx } from '@server/db/pool';
import type { Translator } from '@server/i18n/i18n';
import type { MemberRow, MemberService } from '@server/members';
import type { NotificationService } from '@server/notifications';
import { actorOf, type ForumModeration } from '@server/forum';
import type { MessageModeration } from '@server/messaging';
import { isGlobalModerator } from '@shared/forum-policy';
import { forbidden } from '@server/errors';
import { PATHS } from '@shared/routes';
import type { NoticeKind } from '@shared/moderation';

/** What the moderation services are built from. */
export interface ModerationDeps {
  db: Database;
  members: MemberService;
  forum: ForumModeration;
  messages: MessageModeration;
  notifications: NotificationService;
  translator: Translator;
  settings: { flagsToHide: number; moderationLogNames: 'shown' | 'hidden' };
}

/** Refuses (403) anyone but moderators with no category scope and admins: member-level work is theirs. */
export function assertGlobalModerator(member: MemberRow): void {
  if (!isGlobalModerator(actorOf(member))) throw forbidden();
}

/**
 * Tells a member about a notice (in-app, kind `moderation`, in their language), inside the action's
 * transaction; the notice's id is the notification's source.
 */
export async function notifyNotice(
  deps: ModerationDeps,
  tx: Tx,
  notice: { id: string; memberId: string; kind: NoticeKind },
): Promise<void> {
  const [member] = await deps.members.findManyByIds([notice.memberId], tx);
  if (!member) return;
  await deps.notifications.record(tx, [
    {
      memberId: member.id,
      kind: 'moderation',
      groupKey: `notice:${notice.id}`,
      actorId: null,
      title: deps.translator.t(member.locale, `moderation:noticeTitle.${notice.kind}`),
      link: PATHS.notices,
      sourceId: notice.id,
    },
  ]);
}

/**
 * Tells each reporter of an item how it ended, in their language (`moderation:outcome.<resolution>`),
 * inside the action's transaction.
 */
export async function notifyReporters(
  deps: ModerationDeps,
  tx: Tx,
  item: { id: string; title: string | null; link: string },
  reporters: { id: string; locale: string | null }[],
  resolution: string,
): Promise<void> {
  const seen = new Set<string>();
  const people = await deps.members.findManyByIds(
    reporters.map((r) => r.id),
    tx,
  );
  for (const person of people) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const title = item.title ?? deps.translator.t(person.locale, 'moderation:outcome.yourFlag');
    await deps.notifications.record(tx, [
      {
        memberId: person.id,
        kind: 'moderation',
        groupKey: `moderation:${item.id}`,
        actorId: null,
        title: deps.translator.t(person.locale, `moderation:outcome.${resolution}`, { title }),
        link: item.link,
        sourceId: item.id,
      },
    ]);
  }
}
