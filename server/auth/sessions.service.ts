import type { Database, Executor } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { notFound } from '@server/errors';
import type { SessionDto } from '@shared/api/security';
import { deviceFromUserAgent } from './device';
import type { Secrets } from './secrets';
import type { SessionDevice } from './session-data';
import { deleteMemberSession, deleteOtherMemberSessions, listMemberSessions } from './sessions.queries';
import { voidMemberTokens } from './account-tokens.queries';

/**
 * Ends every session of a member inside the caller's transaction (account deletion); returns the ended
 * session ids so the caller can disconnect their sockets.
 */
export function endAllSessionsInTx(tx: Executor, memberId: string): Promise<string[]> {
  return deleteOtherMemberSessions(tx, memberId, undefined);
}

function deviceOf(sess: unknown): Partial<SessionDevice> {
  if (typeof sess !== 'object' || sess === null || !('device' in sess)) return {};
  const device = (sess as { device?: unknown }).device;
  return typeof device === 'object' && device !== null ? device : {};
}

/** A member's own sessions: list them, end one, end all the others. */
export function createSessionService(db: Database, secrets: Secrets) {
  return {
    /** The member's active sessions, the current one first, then by last activity. */
    async list(memberId: string, currentSid: string): Promise<SessionDto[]> {
      const rows = await listMemberSessions(db, memberId);
      const items = rows.map((row): SessionDto => {
        const device = deviceOf(row.sess);
        const { browser, os } = deviceFromUserAgent(device.userAgent);
        return {
          id: secrets.sessionPublicId(row.sid),
          current: row.sid === currentSid,
          browser,
          os,
          approximateIp: device.approximateIp ?? null,
          signedInAt: device.signedInAt ?? null,
          lastSeenAt: device.lastSeenAt ?? null,
        };
      });
      return items.sort(
        (a, b) =>
          Number(b.current) - Number(a.current) || (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? ''),
      );
    },

    /**
     * Ends one of the member's sessions by its public id and returns the session id (to disconnect its
     * sockets). Someone else's session, or one that ended already, is 404.
     */
    async revoke(memberId: string, publicId: string): Promise<string> {
      const rows = await listMemberSessions(db, memberId);
      const row = rows.find((candidate) => secrets.sessionPublicId(candidate.sid) === publicId);
      if (!row) throw notFound();
      await db.transaction(async (tx) => {
        if (!(await deleteMemberSession(tx, memberId, row.sid))) throw notFound();
        recordEvent(tx, { type: 'sessions.ended', sessionIds: [row.sid] });
      });
      return row.sid;
    },

    /**
     * Ends every session of the member but `keepSid` (all of them when undefined) and voids the
     * account's outstanding links (e-mail change, verification, reset) in the same transaction: what
     * someone else started with the account must not outlive signing them out. Returns the ended ids.
     */
    revokeOthers(memberId: string, keepSid: string | undefined): Promise<string[]> {
      return db.transaction(async (tx) => {
        const ended = await deleteOtherMemberSessions(tx, memberId, keepSid);
        await voidMemberTokens(tx, memberId);
        if (ended.length) recordEvent(tx, { type: 'sessions.ended', sessionIds: ended });
        return ended;
      });
    },
  };
}

/** The session service. */
export type SessionService = ReturnType<typeof createSessionService>;
