import type { PersonalDataContributor } from '@server/http/module';
import type { MemberService } from '@server/members';
import {
  blocksBy,
  conversationsOf,
  detachDirectConversations,
  eraseMessagesOf,
  messagesSentBy,
  settingsOf,
} from './messaging.data.queries';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * Messaging's part of a member's data: the messages they sent (never the others' messages), the
 * conversations they are in (their own membership, not the other members'), whom they blocked and who may
 * message them. On deletion their messages are erased in place; memberships, blocks and settings go with
 * the member row.
 */
export function messagingData(members: MemberService): PersonalDataContributor[] {
  return [
    {
      key: 'messages',
      async collect(db, memberId) {
        const rows = await messagesSentBy(db, memberId);
        return rows.map((row) => ({
          ...row,
          body: row.deletedAt ? null : row.body,
          createdAt: row.createdAt.toISOString(),
          editedAt: iso(row.editedAt),
          deletedAt: iso(row.deletedAt),
        }));
      },
      async erase(tx, memberId) {
        await eraseMessagesOf(tx, memberId);
        await detachDirectConversations(tx, memberId);
      },
    },
    {
      key: 'conversations',
      async collect(db, memberId) {
        const rows = await conversationsOf(db, memberId);
        return rows.map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
          joinedAt: row.joinedAt.toISOString(),
        }));
      },
    },
    {
      key: 'messaging',
      async collect(db, memberId) {
        const [settings, blocks] = await Promise.all([settingsOf(db, memberId), blocksBy(db, memberId)]);
        const blocked = new Map(
          (await members.findManyByIds(blocks.map((b) => b.blockedId))).map((m) => [m.id, m.handle]),
        );
        return {
          whoCanMessage: settings?.whoCanMessage ?? 'anyone',
          blocked: blocks.map((b) => ({
            handle: blocked.get(b.blockedId) ?? null,
            since: b.createdAt.toISOString(),
          })),
        };
      },
    },
  ];
}
