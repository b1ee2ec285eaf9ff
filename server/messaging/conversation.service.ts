import { cursorTimestamp, cursorUuid, invalidCursor } from '@server/cursor';
import { randomUUID } from 'node:crypto';
import type { Database, Executor, Tx } from '@server/db/pool';
import { recordEvent } from '@server/events';
import { AppError, notFound, validationError } from '@server/errors';
import { assertCanWrite, type MemberRow, type MemberService } from '@server/members';
import {
  MESSAGING_LIMITS,
  type AddMembersRequest,
  type ConversationDto,
  type ConversationListQuery,
  type ConversationListResponse,
  type MessageDto,
  type StartConversationRequest,
  type UnreadResponse,
} from '@shared/api/messaging';
import {
  advanceLastRead,
  conversationIdsOf,
  findConversationFor,
  findDirectConversation,
  insertConversation,
  listConversationsOf,
  listMemberships,
  lockLastSeq,
  pairKey,
  setMembershipState,
  setMuted,
  unreadTotals,
  upsertMemberships,
  type ListCursor,
} from './conversation.queries';
import { isPresent } from './conversation.policy';
import { buildConversationViews } from './conversation.views';
import { recipientStates } from './privacy.service';
import { appendMessage } from './message.queries';
import { presentMessage } from './message.presenter';
import { renderBody, type MessageService } from './message.service';
import type { MessagingLimits } from './rate-limits';

/** What changed for whom: the caller's view, and the members whose sockets must join or hear of it. */
export interface ConversationChange {
  conversation: ConversationDto;
  /** The first message, when one was sent with the start (and stored by this call). */
  message?: MessageDto;
  messageCreated?: boolean;
  /** Whether this call created the conversation (a direct one may already exist). */
  created?: boolean;
  /** Members now in the conversation: their sockets join its room and are told it changed. */
  joined: string[];
  /** Every present member, told that the conversation changed. */
  notify: string[];
}

function encodeCursor(c: ListCursor): string {
  return Buffer.from(`${c.activityAt.toISOString()}|${c.id}`).toString('base64url');
}

function decodeCursor(raw: string | undefined): ListCursor | undefined {
  if (!raw) return undefined;
  const [iso = '', id = '', ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (rest.length) throw invalidCursor();
  return { activityAt: new Date(cursorTimestamp(iso)), id: cursorUuid(id) };
}

/** Starting, listing and answering conversations, and each member's place in them. */
export function createConversationService(
  db: Database,
  members: MemberService,
  limits: MessagingLimits,
  messages: MessageService,
) {
  async function view(member: MemberRow, conversationId: string): Promise<ConversationDto> {
    const found = await findConversationFor(db, conversationId, member.id);
    if (!found || !isPresent(found.membership)) throw notFound();
    const [dto] = await buildConversationViews(db, members, member.id, [found]);
    if (!dto) throw notFound();
    return dto;
  }

  async function presentMembers(executor: Executor, conversationId: string): Promise<string[]> {
    return (await listMemberships(executor, [conversationId]))
      .filter((m) => isPresent(m))
      .map((m) => m.memberId);
  }

  /**
   * Changes one's membership and tells the conversation's present members (and the joiners) once it
   * committed; the joiners' sockets are put in its room first, so what follows reaches them.
   */
  async function changeMembership(
    conversationId: string,
    joined: string[],
    write: (tx: Tx) => Promise<unknown>,
  ): Promise<string[]> {
    return db.transaction(async (tx) => {
      await write(tx);
      const notify = await presentMembers(tx, conversationId);
      recordEvent(tx, { type: 'conversation.changed', conversationId, joined, notify });
      return notify;
    });
  }

  /** Takes the member out of a conversation (declined, left) and tells those still present. */
  async function leaveAs(member: MemberRow, conversationId: string, state: 'declined' | 'left') {
    return db.transaction(async (tx) => {
      await setMembershipState(tx, conversationId, member.id, state);
      const notify = await presentMembers(tx, conversationId);
      recordEvent(tx, { type: 'conversation.left', conversationId, memberId: member.id, notify });
      return { left: member.id, notify };
    });
  }

  /** The members named by ids or handles; 404 when one does not exist, 400 when it is the caller. */
  async function resolve(member: MemberRow, input: { memberIds?: string[]; handles?: string[] }) {
    const wanted = [...new Set(input.memberIds ?? input.handles ?? [])];
    const found = input.memberIds
      ? await members.findManyByIds(wanted)
      : await members.findManyByHandles(wanted);
    if (found.length !== wanted.length) throw notFound();
    const field = input.memberIds ? 'memberIds' : 'handles';
    if (found.some((m) => m.id === member.id)) throw validationError({ [field]: { code: 'invalid_value' } });
    return found;
  }

  return {
    view,

    /**
     * Starts a conversation, optionally with its first message. One other member and no title is a
     * direct conversation, unique per pair: starting it again returns the existing one. Recipients who
     * do not know the sender get it as a message request.
     */
    async start(member: MemberRow, input: StartConversationRequest): Promise<ConversationChange> {
      assertCanWrite(member);
      const recipients = await resolve(member, input);
      const isGroup = recipients.length > 1 || input.title !== undefined;
      if (isGroup && !input.title) throw validationError({ title: { code: 'required' } });
      if (recipients.length + 1 > MESSAGING_LIMITS.groupMax) {
        throw new AppError(400, 'conversation_full', { params: { max: MESSAGING_LIMITS.groupMax } });
      }
      const clientId = input.clientId ?? randomUUID();
      const [recipient] = recipients;
      if (!isGroup && recipient) {
        const existing = await findDirectConversation(db, pairKey(member.id, recipient.id));
        if (existing) {
          const mine = await findConversationFor(db, existing.id, member.id);
          const notify = await changeMembership(existing.id, [member.id], async (tx) => {
            // Starting again after declining the other side's request accepts it.
            if (mine && mine.membership.state !== 'active')
              await setMembershipState(tx, existing.id, member.id, 'active');
          });
          const sent = input.body
            ? await messages.send(member, existing.id, { body: input.body, clientId })
            : undefined;
          return {
            conversation: await view(member, existing.id),
            message: sent?.message,
            messageCreated: sent?.created,
            joined: [member.id],
            notify,
          };
        }
      }
      await limits.consumeStart(member);
      const states = await recipientStates(db, member, recipients);
      const body = input.body ? await renderBody(members, input.body) : undefined;
      if (body) await limits.consumeMessage(member);
      const { conversationId, message } = await db.transaction(async (tx) => {
        const conversation = await insertConversation(tx, {
          kind: isGroup ? 'group' : 'direct',
          title: isGroup ? (input.title ?? null) : null,
          pairKey: isGroup || !recipient ? null : pairKey(member.id, recipient.id),
          createdBy: member.id,
        });
        await upsertMemberships(tx, conversation.id, [
          { memberId: member.id, state: 'active' },
          ...recipients.map((r) => ({ memberId: r.id, state: states.get(r.id) ?? ('requested' as const) })),
        ]);
        const everyone = [member.id, ...recipients.map((r) => r.id)];
        recordEvent(tx, {
          type: 'conversation.changed',
          conversationId: conversation.id,
          joined: everyone,
          notify: everyone,
        });
        const appended = body
          ? await appendMessage(tx, {
              conversationId: conversation.id,
              authorId: member.id,
              clientId,
              ...body,
            })
          : undefined;
        if (appended?.created) await messages.appended(tx, appended.row);
        return { conversationId: conversation.id, message: appended?.row };
      });
      const everyone = [member.id, ...recipients.map((r) => r.id)];
      return {
        conversation: await view(member, conversationId),
        message: message ? presentMessage(message, member) : undefined,
        messageCreated: message !== undefined,
        joined: everyone,
        notify: everyone,
        created: true,
      };
    },

    /** A page of the caller's conversations (inbox or requests), latest activity first. */
    async list(member: MemberRow, query: ConversationListQuery): Promise<ConversationListResponse> {
      const cursor = decodeCursor(query.cursor);
      const state = query.tab === 'requests' ? 'requested' : 'active';
      const rows = await listConversationsOf(db, member.id, state, cursor, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1)?.conversation;
      return {
        items: await buildConversationViews(db, members, member.id, page),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    /** Accepts a message request: the caller becomes an active member and may reply. */
    async accept(member: MemberRow, conversationId: string): Promise<ConversationChange> {
      const { membership } = await messages.membershipOf(member, conversationId);
      const notify = await changeMembership(conversationId, [], async (tx) => {
        if (membership.state === 'requested')
          await setMembershipState(tx, conversationId, member.id, 'active');
      });
      return { conversation: await view(member, conversationId), joined: [], notify };
    },

    /** Declines a message request: the caller leaves it, and in a direct one the sender may not write again. */
    async decline(member: MemberRow, conversationId: string): Promise<{ left: string; notify: string[] }> {
      const { membership } = await messages.membershipOf(member, conversationId);
      if (membership.state !== 'requested') throw validationError({ _: { code: 'invalid_value' } });
      return leaveAs(member, conversationId, 'declined');
    },

    /** Leaves a group conversation. */
    async leave(member: MemberRow, conversationId: string): Promise<{ left: string; notify: string[] }> {
      const { conversation } = await messages.membershipOf(member, conversationId);
      if (conversation.kind !== 'group') throw new AppError(409, 'conversation_not_group');
      return leaveAs(member, conversationId, 'left');
    },

    /**
     * Adds members to a group; people who do not know the adder get it as a request. They join after
     * the group's last message: earlier messages stay with those who were there.
     */
    async addMembers(
      member: MemberRow,
      conversationId: string,
      input: AddMembersRequest,
    ): Promise<ConversationChange> {
      assertCanWrite(member);
      const { conversation, membership } = await messages.membershipOf(member, conversationId);
      if (conversation.kind !== 'group') throw new AppError(409, 'conversation_not_group');
      if (membership.state !== 'active') throw new AppError(403, 'message_request_pending');
      const current = await listMemberships(db, [conversationId]);
      const present = new Set(current.filter((m) => isPresent(m)).map((m) => m.memberId));
      const recipients = (await resolve(member, input)).filter((r) => !present.has(r.id));
      if (present.size + recipients.length > MESSAGING_LIMITS.groupMax) {
        throw new AppError(400, 'conversation_full', { params: { max: MESSAGING_LIMITS.groupMax } });
      }
      const states = await recipientStates(db, member, recipients);
      // Members added to a group see what is said from now on, never the messages from before they
      // were there (the add dialog says so): the others wrote those to the group as it was.
      const joined = recipients.map((r) => r.id);
      const notify = await changeMembership(conversationId, joined, async (tx) =>
        upsertMemberships(
          tx,
          conversationId,
          recipients.map((r) => ({ memberId: r.id, state: states.get(r.id) ?? 'requested' })),
          await lockLastSeq(tx, conversationId),
        ),
      );
      return { conversation: await view(member, conversationId), joined, notify };
    },

    /** Mutes or unmutes: a muted conversation does not count in the header badge. */
    async mute(member: MemberRow, conversationId: string, muted: boolean): Promise<ConversationDto> {
      await messages.membershipOf(member, conversationId);
      await setMuted(db, conversationId, member.id, muted);
      return view(member, conversationId);
    },

    /** Moves the caller's read mark to `seq`; returns the new mark, or null when it did not move. */
    async markRead(member: MemberRow, conversationId: string, seq: number): Promise<number | null> {
      await messages.membershipOf(member, conversationId);
      return db.transaction(async (tx) => {
        const moved = await advanceLastRead(tx, conversationId, member.id, seq);
        if (!moved || moved.after <= moved.before) return null;
        // "Seen by" for the others, unread counts for the member's own tabs.
        recordEvent(tx, { type: 'conversation.read', conversationId, memberId: member.id, seq: moved.after });
        return moved.after;
      });
    },

    /** Unread messages and pending requests, for the header badge. */
    unread(member: MemberRow): Promise<UnreadResponse> {
      return unreadTotals(db, member.id);
    },

    /** Whether a member belongs in a conversation's room now (present: active or requested). */
    async isMember(memberId: string, conversationId: string): Promise<boolean> {
      return isPresent((await findConversationFor(db, conversationId, memberId))?.membership);
    },

    /** Ids of the conversations whose rooms a member's sockets belong in. */
    roomsOf(memberId: string): Promise<string[]> {
      return conversationIdsOf(db, memberId);
    },
  };
}

/** The conversation service. */
export type ConversationService = ReturnType<typeof createConversationService>;
