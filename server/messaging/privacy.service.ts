import type { Database, Executor } from '@server/db/pool';
import { AppError, notFound, validationError } from '@server/errors';
import type { MemberRow, MemberService } from '@server/members';
import type { BlockedMemberDto, WhoCanMessage } from '@shared/api/messaging';
import {
  blockedEitherWay,
  deleteBlock,
  insertBlock,
  listBlockedIds,
  saveWhoCanMessage,
  whoCanMessage,
  whoHasMessaged,
} from './privacy.queries';

/** How a new recipient joins: at once (`active`, they know the sender) or as a message request. */
export type RecipientState = 'active' | 'requested';

/**
 * Decides, for each recipient, whether `sender` may reach them and how. Refuses the whole start when one
 * recipient is out of reach (blocked either way, suspended, or not accepting messages from the sender),
 * without saying which reason applies.
 */
export async function recipientStates(
  db: Executor,
  sender: MemberRow,
  recipients: MemberRow[],
): Promise<Map<string, RecipientState>> {
  const ids = recipients.map((r) => r.id);
  const [blocked, settings, contacts] = await Promise.all([
    blockedEitherWay(db, sender.id, ids),
    whoCanMessage(db, ids),
    whoHasMessaged(db, sender.id, ids),
  ]);
  const states = new Map<string, RecipientState>();
  for (const recipient of recipients) {
    const setting = settings.get(recipient.id) ?? 'anyone';
    const known = contacts.has(recipient.id);
    const reachable =
      recipient.status !== 'suspended' &&
      !blocked.has(recipient.id) &&
      setting !== 'nobody' &&
      (setting === 'anyone' || known);
    if (!reachable) throw new AppError(403, 'messaging_not_allowed');
    states.set(recipient.id, known ? 'active' : 'requested');
  }
  return states;
}

/** Blocks and the "who may message me" setting. */
export function createPrivacyService(db: Database, members: MemberService) {
  return {
    /** The member's choice (`anyone` until they make one). */
    async settings(member: MemberRow): Promise<{ whoCanMessage: WhoCanMessage }> {
      const found = await whoCanMessage(db, [member.id]);
      return { whoCanMessage: found.get(member.id) ?? 'anyone' };
    },

    /** Saves who may start a conversation with the member; a preference, allowed in any account state. */
    async saveSettings(member: MemberRow, value: WhoCanMessage): Promise<{ whoCanMessage: WhoCanMessage }> {
      await saveWhoCanMessage(db, member.id, value);
      return { whoCanMessage: value };
    },

    /** Blocks a member: no messages or requests between them either way from now on. */
    async block(member: MemberRow, targetId: string): Promise<BlockedMemberDto> {
      if (targetId === member.id) throw validationError({ memberId: { code: 'invalid_value' } });
      const [target] = await members.findManyByIds([targetId]);
      if (!target) throw notFound();
      await insertBlock(db, member.id, target.id);
      return { id: target.id, handle: target.handle, displayName: target.displayName };
    },

    /** Lifts a block (lifting one that does not exist changes nothing). */
    async unblock(member: MemberRow, targetId: string): Promise<void> {
      await deleteBlock(db, member.id, targetId);
    },

    /**
     * Whether `sender` may start a conversation with the member `recipientId` now: the same rules as
     * starting one (blocks either way, the recipient's setting, suspended accounts), without saying which.
     */
    async mayMessage(sender: MemberRow, recipientId: string): Promise<boolean> {
      if (sender.id === recipientId || sender.status !== 'active') return false;
      const [recipient] = await members.findManyByIds([recipientId]);
      if (!recipient) return false;
      try {
        await recipientStates(db, sender, [recipient]);
        return true;
      } catch (error) {
        if (error instanceof AppError && error.code === 'messaging_not_allowed') return false;
        throw error;
      }
    },

    /** The members this member blocked. */
    async listBlocked(member: MemberRow): Promise<BlockedMemberDto[]> {
      const ids = await listBlockedIds(db, member.id);
      const rows = new Map((await members.findManyByIds(ids)).map((m) => [m.id, m]));
      return ids.flatMap((id) => {
        const m = rows.get(id);
        return m ? [{ id: m.id, handle: m.handle, displayName: m.displayName }] : [];
      });
    },
  };
}

/** The privacy service. */
export type PrivacyService = ReturnType<typeof createPrivacyService>;
