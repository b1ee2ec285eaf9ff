import { messageAudience } from './message.audience';
import { recordEvent } from '@server/events';
import { isUniqueViolation } from '@server/db/errors';
import type { Database, Executor, Tx } from '@server/db/pool';
import { AppError, forbidden, notFound } from '@server/errors';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';
import { assertCanWrite, type MemberRow, type MemberService } from '@server/members';
import {
  MESSAGING_LIMITS,
  type MessageDto,
  type MessagePageQuery,
  type MessagePageResponse,
  type ReportMessageRequest,
} from '@shared/api/messaging';
import {
  findConversationFor,
  hasReadUpTo,
  listMemberships,
  type ConversationRow,
  type MembershipRow,
} from './conversation.queries';
import {
  appendMessage,
  findMessage,
  findMessageByClientId,
  insertMessageReport,
  listMessages,
  markMessageDeleted,
  updateMessageBody,
  type MessageRow,
} from './message.queries';
import { blockedEitherWay } from './privacy.queries';
import { canEditMessage, canSendAs, isPresent } from './conversation.policy';
import { presentMessage } from './message.presenter';
import { authorOf, peopleById } from './conversation.views';
import type { MessagingLimits } from './rate-limits';

/** Renders a message body (no images) with links for mentions of members that exist. */
export async function renderBody(members: MemberService, source: string) {
  const candidates = mentionCandidates(source);
  const known = new Set((await members.findManyByHandles(candidates)).map((m) => m.handle));
  return {
    bodySource: source,
    bodyHtml: renderMarkdown(source, { allowImages: false, knownHandles: known }).html,
  };
}

/** An edited or deleted message. */
export interface MessageChange {
  message: MessageDto;
}

/** What a successful send returns: the message, and whether this call stored it (false on a retry). */
export interface SendResult {
  message: MessageDto;
  created: boolean;
}

/** Sending, reading, editing, deleting and reporting messages. Every call checks membership first. */
export function createMessageService(db: Database, members: MemberService, limits: MessagingLimits) {
  /** The caller's membership, or 404 when they are not a member (moderators included). */
  async function membershipOf(member: MemberRow, conversationId: string) {
    const found = await findConversationFor(db, conversationId, member.id);
    if (!found || !isPresent(found.membership)) throw notFound();
    return found;
  }

  /** Refuses sending in a direct conversation the other side declined or left by deleting their account, or across a block. */
  async function assertReachable(executor: Executor, conversation: ConversationRow, member: MemberRow) {
    if (conversation.kind !== 'direct') return;
    const others = (await listMemberships(executor, [conversation.id])).filter(
      (m) => m.memberId !== member.id,
    );
    // The other side deleted their account (their membership went with it): nobody to write to.
    if (others.length === 0) throw new AppError(403, 'messaging_not_allowed');
    if (others.some((m) => m.state === 'declined')) throw new AppError(403, 'message_request_declined');
    const blocked = await blockedEitherWay(
      executor,
      member.id,
      others.map((m) => m.memberId),
    );
    if (blocked.size > 0) throw new AppError(403, 'messaging_not_allowed');
  }

  /** A message of the conversation the member may see: sent after they joined. */
  async function visibleMessage(
    membership: Pick<MembershipRow, 'joinedSeq'>,
    conversationId: string,
    messageId: string,
  ) {
    const message = await findMessage(db, conversationId, messageId);
    return message && message.seq > membership.joinedSeq ? message : undefined;
  }

  /**
   * Records an edit or deletion with the message as its readers now see it; members who joined after it
   * was sent do not hear of it. Returns the message presented.
   */
  async function changed(tx: Tx, row: MessageRow): Promise<MessageDto> {
    const hiddenFrom = (await listMemberships(tx, [row.conversationId]))
      .filter((m) => isPresent(m) && m.joinedSeq >= row.seq)
      .map((m) => m.memberId);
    const message = await present(row, tx);
    recordEvent(tx, { type: 'message.updated', conversationId: row.conversationId, message, hiddenFrom });
    return message;
  }

  /** A message as its readers see it (inside a transaction: `executor`, the embedded database has one connection). */
  async function present(row: Parameters<typeof presentMessage>[0], executor?: Executor) {
    const people = await peopleById(members, [row.authorId], executor);
    return presentMessage(row, authorOf(people, row.authorId));
  }

  return {
    membershipOf,

    /**
     * Sends a message. A retry with the same `clientId` returns the stored message (`created: false`)
     * without counting against the rate limit twice or writing anything.
     */
    async send(
      member: MemberRow,
      conversationId: string,
      input: { body: string; clientId: string },
    ): Promise<SendResult> {
      assertCanWrite(member);
      const { conversation, membership } = await membershipOf(member, conversationId);
      if (!canSendAs(membership)) throw new AppError(403, 'message_request_pending');
      await assertReachable(db, conversation, member);
      const body = await renderBody(members, input.body);
      const existing = await this.findRetry(conversationId, member.id, input.clientId);
      if (existing) return { message: await present(existing), created: false };
      await limits.consumeMessage(member);
      try {
        for (let attempt = 0; ; attempt += 1) {
          try {
            return await db.transaction(async (tx) => {
              const appended = await appendMessage(tx, {
                conversationId,
                authorId: member.id,
                clientId: input.clientId,
                ...body,
              });
              // A retry that lost the race to its twin answers the stored message, as a retry does.
              if (!appended.created) return { message: await present(appended.row, tx), created: false };
              return { message: await this.appended(tx, appended.row), created: true };
            });
          } catch (error) {
            // Two retries racing: the loser's insert hits the unique (conversation, author, clientId) and reads the winner's.
            if (!isUniqueViolation(error) || attempt > 0) throw error;
          }
        }
      } catch (error) {
        // Not stored, or its commit never confirmed (the database went away under it): the message is not
        // counted, so the client's retry with the same clientId — answered with the stored message if it
        // was — is not refused as too fast. The first error is the answer.
        await limits.refundMessage(member).catch(() => undefined);
        throw error;
      }
    },

    /** Whether a member's typing signal may be relayed now: throttled per member and conversation. */
    allowTyping(memberId: string, conversationId: string): Promise<boolean> {
      return limits.allowTyping(memberId, conversationId);
    },

    /**
     * Checks that a member may show as typing: the same rule as sending (an active member, and in a
     * direct conversation nobody declined or blocked), so a blocked member cannot signal either.
     */
    async assertMayType(member: MemberRow, conversationId: string): Promise<void> {
      const { conversation, membership } = await membershipOf(member, conversationId);
      if (!canSendAs(membership)) throw new AppError(403, 'message_request_pending');
      await assertReachable(db, conversation, member);
    },

    /**
     * Records a new message inside the transaction that appended `row` (new conversations too), as its
     * readers see it and with who should hear about it, both read in that transaction. Returns the
     * message presented.
     */
    async appended(tx: Tx, row: MessageRow): Promise<MessageDto> {
      const message = await present(row, tx);
      // A message just appended always has its sender; only erased messages of former members lack one.
      if (row.authorId === null) return message;
      const audience = await messageAudience(tx, { ...row, authorId: row.authorId });
      recordEvent(tx, { type: 'message.created', conversationId: row.conversationId, message, audience });
      return message;
    },

    /** Whether the member read the conversation up to `seq` (a delayed e-mail is then skipped). */
    hasRead(memberId: string, conversationId: string, seq: number): Promise<boolean> {
      return hasReadUpTo(db, memberId, conversationId, seq);
    },

    /** A message already stored under this `clientId` by this author, if any. */
    findRetry(conversationId: string, authorId: string, clientId: string) {
      return findMessageByClientId(db, conversationId, authorId, clientId);
    },

    /**
     * A page of history (or everything after `afterSeq`, for catching up), ascending; never messages
     * from before the caller joined.
     */
    async list(
      member: MemberRow,
      conversationId: string,
      query: MessagePageQuery,
    ): Promise<MessagePageResponse> {
      const { membership } = await membershipOf(member, conversationId);
      const page = await listMessages(db, conversationId, {
        joinedSeq: membership.joinedSeq,
        afterSeq: query.afterSeq,
        beforeSeq: query.beforeSeq,
        limit: query.limit ?? MESSAGING_LIMITS.pageDefault,
      });
      const people = await peopleById(
        members,
        page.rows.map((r) => r.authorId),
      );
      return {
        items: page.rows.map((r) => presentMessage(r, authorOf(people, r.authorId))),
        hasMore: page.hasMore,
      };
    },

    /** Edits one's own message within the edit window. */
    async edit(
      member: MemberRow,
      conversationId: string,
      messageId: string,
      source: string,
    ): Promise<MessageChange> {
      assertCanWrite(member);
      const { membership } = await membershipOf(member, conversationId);
      const message = await visibleMessage(membership, conversationId, messageId);
      if (!message) throw notFound();
      const verdict = canEditMessage(message, member.id, MESSAGING_LIMITS.editWindowMinutes);
      if (verdict === 'not_author') throw forbidden();
      if (verdict === 'deleted') throw notFound();
      if (verdict === 'too_late') {
        throw new AppError(403, 'message_edit_window_passed', {
          params: { minutes: MESSAGING_LIMITS.editWindowMinutes },
        });
      }
      const body = await renderBody(members, source);
      const updated = await db.transaction(async (tx) => {
        const row = await updateMessageBody(tx, message.id, body);
        return row && changed(tx, row);
      });
      if (!updated) throw notFound();
      return { message: updated };
    },

    /** Deletes one's own message: it stays in place, shown as deleted. */
    async remove(member: MemberRow, conversationId: string, messageId: string): Promise<MessageChange> {
      const { membership } = await membershipOf(member, conversationId);
      const message = await visibleMessage(membership, conversationId, messageId);
      if (!message || message.deletedAt) throw notFound();
      if (message.authorId !== member.id) throw forbidden();
      const deleted = await db.transaction(async (tx) => {
        const row = await markMessageDeleted(tx, message.id);
        return row && changed(tx, row);
      });
      if (!deleted) throw notFound();
      return { message: deleted };
    },

    /** Copies one message (and nothing else of the conversation) into the moderation queue. */
    async report(
      member: MemberRow,
      conversationId: string,
      messageId: string,
      input: ReportMessageRequest,
    ): Promise<{ id: string }> {
      const { membership } = await membershipOf(member, conversationId);
      const message = await visibleMessage(membership, conversationId, messageId);
      if (!message || message.deletedAt) throw notFound();
      if (message.authorId === member.id) throw forbidden();
      const id = await insertMessageReport(db, {
        messageId: message.id,
        reporterId: member.id,
        authorId: message.authorId,
        reason: input.reason,
        note: input.note || null,
        bodySource: message.bodySource,
        bodyHtml: message.bodyHtml,
        messageCreatedAt: message.createdAt,
      });
      if (!id) throw new AppError(409, 'already_reported');
      return { id };
    },
  };
}

/** The message service. */
export type MessageService = ReturnType<typeof createMessageService>;
