import { AppError, notFound } from '@server/errors';
import type { MemberRow } from '@server/members';
import { APPEALABLE_NOTICES, type NoticeDto } from '@shared/api/moderation';
import type { ModerationDeps } from './moderation.context';
import { recordEvent } from '@server/events';
import { findNotice, insertAppeal, insertItem, noticesOf } from './moderation.queries';
import { presentNotice } from './moderation.presenter';

/**
 * A member's own notices and their appeals. Suspended members read and appeal (this is not writing in
 * the forum); pending members have no notices to appeal.
 */
export function createNoticeService(deps: ModerationDeps) {
  const { db } = deps;

  /** The title a notice about forum content shows (the thread's), when the member may know it. */
  const titleOf = async (targetType: string, targetId: string): Promise<string | null> => {
    if (targetType === 'post') return (await deps.forum.post(targetId))?.threadTitle ?? null;
    if (targetType === 'thread') return (await deps.forum.thread(targetId))?.title ?? null;
    return null;
  };

  return {
    /** The member's notices, newest first. */
    async list(member: MemberRow): Promise<NoticeDto[]> {
      const rows = await noticesOf(db, member.id, 100);
      return Promise.all(
        rows.map(async (row) =>
          presentNotice(row.notice, row.appeal, await titleOf(row.notice.targetType, row.notice.targetId)),
        ),
      );
    },

    /** Appeals a suspension or a removal, once; the appeal becomes a queue item of kind `appeal`. */
    async appeal(member: MemberRow, noticeId: string, body: string): Promise<NoticeDto> {
      const notice = await findNotice(db, noticeId);
      if (!notice || notice.memberId !== member.id) throw notFound();
      if (!APPEALABLE_NOTICES.includes(notice.kind)) throw new AppError(409, 'not_appealable');
      const appeal = await db.transaction(async (tx) => {
        const item = await insertItem(tx, {
          kind: 'appeal',
          targetType: 'member',
          targetId: notice.id,
          subjectId: member.id,
          categoryId: null,
          snapshot: {
            author: { id: member.id, handle: member.handle, displayName: member.displayName },
            notice: {
              id: notice.id,
              kind: notice.kind,
              reason: notice.reason,
              endsAt: notice.endsAt?.toISOString() ?? null,
              targetType: notice.targetType,
              targetId: notice.targetId,
            },
            appeal: { body, outcome: null },
            source: body,
          },
        });
        if (!item) throw new AppError(409, 'already_appealed');
        const row = await insertAppeal(tx, {
          noticeId: notice.id,
          memberId: member.id,
          body,
          itemId: item.id,
        });
        if (!row) throw new AppError(409, 'already_appealed');
        recordEvent(tx, { type: 'moderation.item.changed', itemId: item.id });
        return row;
      });
      return presentNotice(notice, appeal, await titleOf(notice.targetType, notice.targetId));
    },
  };
}

/** The notice service. */
export type NoticeService = ReturnType<typeof createNoticeService>;
