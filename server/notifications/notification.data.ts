import type { Tx } from '@server/db/pool';
import { eraseMailContaining } from '@server/mail';
import { findMemberInTx } from '@server/members';
import type { PersonalDataContributor } from '@server/http/module';
import { digestsOf, notificationSettingsOf, notificationsOf } from './notification.data.queries';

/**
 * Drops the e-mails to other members that name this member (an actor's name in "X replied to you"),
 * sent or not: once the account is gone, nothing may still carry who they were. E-mails addressed to
 * the member go with the member row.
 */
async function eraseMailMentioning(tx: Tx, memberId: string): Promise<void> {
  const member = await findMemberInTx(tx, memberId);
  if (!member) return;
  // Very short names would match unrelated e-mails; ids, handles and addresses never do.
  const needles = [
    memberId,
    member.handle,
    member.email,
    ...(member.displayName.length >= 4 ? [member.displayName] : []),
  ];
  await eraseMailContaining(tx, needles);
}

/**
 * Notifications' part of a member's data: their notifications, preferences and the digests written
 * for them. On deletion, e-mails to others that name them are dropped; their own notifications,
 * settings, digests and e-mails go with the member row.
 */
export const notificationData: PersonalDataContributor = {
  key: 'notifications',
  async collect(db, memberId) {
    const [items, settings, digests] = await Promise.all([
      notificationsOf(db, memberId),
      notificationSettingsOf(db, memberId),
      digestsOf(db, memberId),
    ]);
    return {
      settings,
      digests: digests.map((row) => ({
        ...row,
        since: row.since.toISOString(),
        until: row.until.toISOString(),
      })),
      items: items.map((row) => ({
        ...row,
        readAt: row.readAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
      })),
    };
  },
  erase: (tx, memberId) => eraseMailMentioning(tx, memberId),
};
