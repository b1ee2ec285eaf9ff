import { cursorTimestamp, cursorUuid, decodeCursorTuple, encodeCursorTuple } from '@server/cursor';
import type { Database } from '@server/db/pool';
import { notFound } from '@server/errors';
import { activateApplicantInTx, declineApplicationInTx, type MemberRow } from '@server/members';
import type { MailService } from '@server/mail';
import type { NotificationService } from '@server/notifications';
import { assertGlobalModerator } from './moderation.context';
import { audit } from '@server/audit';
import type { ApplicationDto } from '@shared/api/safeguards';
import type { Sector } from '@shared/constants';
import { PATHS } from '@shared/routes';
import { listApplications, lockApplicant } from './application.queries';

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return encodeCursorTuple([row.createdAt.toISOString(), row.id]);
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = decodeCursorTuple(cursor, 2);
  return { createdAt: cursorTimestamp(createdAt), id: cursorUuid(id) };
}

/**
 * Membership approval (`MEMBERSHIP=approval`), for moderators of everything and admins. Approving makes
 * the applicant active and tells them in the app and by e-mail; declining e-mails them the reason in
 * their language and keeps the account pending, marked declined: it can sign in and read (and delete
 * itself) but never write, and it leaves the list.
 */
export function createApplicationService(deps: {
  db: Database;
  notifications: NotificationService;
  mail: MailService;
}) {
  const { db } = deps;
  return {
    /** A page of pending applicants, oldest first. */
    async list(member: MemberRow, query: { cursor?: string; limit: number }) {
      assertGlobalModerator(member);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await listApplications(db, { after, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const items: ApplicationDto[] = page.map((row) => ({
        id: row.id,
        handle: row.handle,
        displayName: row.displayName,
        email: row.email,
        locale: row.locale,
        country: row.country,
        sector: row.sector as Sector | null,
        organization: row.organization,
        headline: row.headline,
        note: row.note,
        createdAt: row.createdAt.toISOString(),
      }));
      return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
    },

    /** Approves an applicant. */
    async approve(member: MemberRow, id: string): Promise<void> {
      assertGlobalModerator(member);
      await db.transaction(async (tx) => {
        const applicant = await lockApplicant(tx, id);
        if (!applicant) throw notFound();
        await activateApplicantInTx(tx, id);
        // In the app, and by e-mail (the kind's default delivery) unless they chose otherwise.
        await deps.notifications.record(tx, [
          {
            memberId: id,
            kind: 'membership_approved',
            groupKey: `membership:${id}`,
            actorId: null,
            title: '',
            link: PATHS.home,
            sourceId: id,
          },
        ]);
        await audit.record(tx, {
          actorId: member.id,
          action: 'member.approve',
          targetType: 'member',
          targetId: id,
          before: { status: 'pending' },
          after: { status: 'active' },
        });
      });
    },

    /** Declines an applicant, e-mailing them the reason. */
    async decline(member: MemberRow, id: string, reason: string): Promise<void> {
      assertGlobalModerator(member);
      await db.transaction(async (tx) => {
        const applicant = await lockApplicant(tx, id);
        if (!applicant) throw notFound();
        await declineApplicationInTx(tx, id);
        await deps.mail.enqueue(tx, [
          {
            memberId: id,
            to: applicant.email,
            locale: applicant.locale,
            template: 'membership_declined',
            data: { name: applicant.displayName, params: { reason } },
          },
        ]);
        await audit.record(tx, {
          actorId: member.id,
          action: 'member.decline',
          targetType: 'member',
          targetId: id,
          reason,
          before: { status: 'pending' },
          after: { status: 'pending', declined: true },
        });
      });
    },
  };
}

/** The membership-approval service. */
export type ApplicationService = ReturnType<typeof createApplicationService>;
