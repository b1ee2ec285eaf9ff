import { AppError, notFound } from '@server/errors';
import { assertCanWrite, type MemberRow } from '@server/members';
import { audit } from '@server/audit';
import type { CreateFlagRequest, CreateFlagResponse } from '@shared/api/moderation';
import type { FlagTarget } from '@shared/moderation';
import type { ModerationDeps } from './moderation.context';
import { recordEvent } from '@server/events';
import {
  bumpFlagCount,
  countOpenReporters,
  hasOpenFlag,
  insertFlag,
  insertItem,
  lockOpenItem,
  type ItemRow,
} from './moderation.queries';

/** What a flag's target contributes to its queue item. */
interface FlagTargetInfo {
  subjectId: string | null;
  categoryId: string | null;
  snapshot: Record<string, unknown>;
  hidden: boolean;
}

const person = (id: string | null, handle: string | null, name: string | null) =>
  id && handle && name ? { id, handle, displayName: name } : null;

/** Members' flags: one open flag per member and target, grouped into one queue item per target. */
export function createFlagService(deps: ModerationDeps) {
  const { db } = deps;

  /** The target as the member may see it, or 404; their own content is refused. */
  const resolveTarget = async (member: MemberRow, type: FlagTarget, id: string): Promise<FlagTargetInfo> => {
    switch (type) {
      case 'post': {
        const post = await deps.forum.readablePost(member, id);
        return {
          subjectId: post.authorId,
          categoryId: post.categoryId,
          hidden: post.hiddenAt !== null,
          snapshot: {
            title: post.threadTitle,
            html: post.bodyHtml,
            source: post.bodySource,
            author: person(post.authorId, post.authorHandle, post.authorName),
            writtenAt: post.createdAt.toISOString(),
            threadId: post.threadId,
            postId: post.id,
          },
        };
      }
      case 'thread': {
        const thread = await deps.forum.readableThread(member, id);
        return {
          subjectId: thread.authorId,
          categoryId: thread.categoryId,
          hidden: thread.hiddenAt !== null,
          snapshot: {
            title: thread.title,
            html: thread.bodyHtml ?? '',
            source: thread.bodySource ?? '',
            author: person(thread.authorId, thread.authorHandle, thread.authorName),
            writtenAt: thread.createdAt.toISOString(),
            threadId: thread.id,
            postId: thread.rootPostId,
          },
        };
      }
      case 'message': {
        // Only this message is copied: moderators never open the conversation.
        const message = await deps.messages.flaggable(member, id);
        const [author] = message.authorId ? await deps.members.findManyByIds([message.authorId]) : [];
        return {
          subjectId: message.authorId,
          categoryId: null,
          hidden: false,
          snapshot: {
            html: message.bodyHtml,
            source: message.bodySource,
            author: author ? person(author.id, author.handle, author.displayName) : null,
            writtenAt: message.createdAt.toISOString(),
          },
        };
      }
      case 'profile': {
        const [profile] = await deps.members.findManyByIds([id]);
        if (!profile || profile.status === 'pending') throw notFound();
        return {
          subjectId: profile.id,
          categoryId: null,
          hidden: false,
          snapshot: {
            title: profile.displayName,
            author: person(profile.id, profile.handle, profile.displayName),
          },
        };
      }
    }
  };

  return {
    /**
     * Flags a target. Flags of several members on one target join its open item; once
     * `flagsToHide` distinct members flagged a post or a thread, it is hidden (reason `flags`) and the
     * hiding is recorded with no actor.
     */
    async flag(member: MemberRow, input: CreateFlagRequest): Promise<CreateFlagResponse> {
      assertCanWrite(member);
      const target = await resolveTarget(member, input.targetType, input.targetId);
      if (target.subjectId === member.id) throw new AppError(403, 'flag_own_content');
      if (await hasOpenFlag(db, member.id, input.targetType, input.targetId)) {
        throw new AppError(409, 'already_flagged');
      }
      const flag = await db.transaction(async (tx) => {
        let item: ItemRow | undefined = await lockOpenItem(tx, 'flag', input.targetType, input.targetId);
        item ??= await insertItem(tx, {
          kind: 'flag',
          targetType: input.targetType,
          targetId: input.targetId,
          subjectId: target.subjectId,
          categoryId: target.categoryId,
          snapshot: target.snapshot,
        });
        // Another member's flag opened the item between the two statements: join it.
        item ??= await lockOpenItem(tx, 'flag', input.targetType, input.targetId);
        if (!item) throw new Error('no open item after insert');
        const row = await insertFlag(tx, {
          itemId: item.id,
          reporterId: member.id,
          targetType: input.targetType,
          targetId: input.targetId,
          reason: input.reason,
          note: input.note || null,
        });
        if (!row) throw new AppError(409, 'already_flagged');
        await bumpFlagCount(tx, item.id);
        recordEvent(tx, { type: 'moderation.item.changed', itemId: item.id });
        const hideable = input.targetType === 'post' || input.targetType === 'thread';
        if (hideable && !target.hidden && deps.settings.flagsToHide > 0) {
          const reporters = await countOpenReporters(tx, input.targetType, input.targetId);
          if (reporters >= deps.settings.flagsToHide) {
            if (input.targetType === 'post') await deps.forum.setPostHidden(tx, input.targetId, 'flags');
            else {
              await deps.forum.setThreadHidden(tx, input.targetId, 'flags');
              recordEvent(tx, { type: 'thread.access.narrowed', threadId: input.targetId });
            }
            await audit.record(tx, {
              actorId: null,
              action: `${input.targetType}.hide`,
              targetType: input.targetType,
              targetId: input.targetId,
              after: { hiddenReason: 'flags', flags: reporters },
            });
          }
        }
        return row;
      });
      return {
        flag: {
          id: flag.id,
          targetType: input.targetType,
          targetId: input.targetId,
          reason: flag.reason,
          createdAt: flag.createdAt.toISOString(),
        },
      };
    },
  };
}

/** The flag service. */
export type FlagService = ReturnType<typeof createFlagService>;
