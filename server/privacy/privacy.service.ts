import type { Database } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { AppError } from '@server/errors';
import { audit } from '@server/audit';
import { deleteMemberInTx, type MemberRow } from '@server/members';
import { endAllSessionsInTx } from '@server/auth';
import type { DeleteAccountRequest, PersonalDataArchive } from '@shared/api/directory';
import type { PersonalDataRegistry } from './export.registry';

/** The archive a member downloads (declared with the route that answers it). */
export type { PersonalDataArchive };

/** A member's own data: downloading it, and deleting the account. */
export function createPrivacyService(db: Database, registry: PersonalDataRegistry) {
  return {
    /** Collects every feature's part of the member's data; the export is logged. */
    async exportData(member: MemberRow): Promise<PersonalDataArchive> {
      const data: Record<string, unknown> = {};
      for (const contributor of registry.all())
        data[contributor.key] = await contributor.collect(db, member.id);
      await db.transaction((tx) =>
        audit.record(tx, {
          actorId: member.id,
          action: 'account.export',
          targetType: 'member',
          targetId: member.id,
        }),
      );
      return { format: 'agora-personal-data', version: 1, exportedAt: new Date().toISOString(), data };
    },

    /**
     * Deletes the account: profile and private data erased, public content kept under "former member".
     * The deletion itself is logged without the member's identifiers. Returns the ended session ids.
     */
    async deleteAccount(member: MemberRow, input: DeleteAccountRequest): Promise<string[]> {
      if (input.confirmHandle.toLowerCase() !== member.handle) {
        throw new AppError(400, 'validation_failed', {
          fields: { confirmHandle: { code: 'confirmation_mismatch' } },
        });
      }
      const collected = new Map<string, unknown>();
      for (const contributor of registry.all()) {
        if (contributor.afterErase) collected.set(contributor.key, await contributor.collect(db, member.id));
      }
      const endedSessions = await db.transaction(async (tx) => {
        for (const contributor of registry.all()) await contributor.erase?.(tx, member.id);
        const sids = await endAllSessionsInTx(tx, member.id);
        recordEvent(tx, { type: 'sessions.ended', sessionIds: sids });
        await audit.eraseMember(tx, member.id);
        await deleteMemberInTx(tx, member.id);
        await audit.record(tx, {
          actorId: null,
          action: 'account.delete',
          targetType: 'member',
          targetId: null,
        });
        return sids;
      });
      for (const contributor of registry.all()) {
        await contributor.afterErase?.(member.id, collected.get(contributor.key));
      }
      return endedSessions;
    },
  };
}

/** The privacy service. */
export type PrivacyService = ReturnType<typeof createPrivacyService>;
