import { randomUUID } from 'node:crypto';
import { createConversationService, type ConversationService } from '@server/messaging/conversation.service';
import { createMessageService, type MessageService } from '@server/messaging/message.service';
import { createMessagingLimits } from '@server/messaging/rate-limits';
import { createMemberService } from '@server/members/member.service';
import { findMemberById, type MemberRow } from '@server/members/member.queries';
import {
  acks,
  membersOnly,
  probe,
  receivers,
  type AuthzActor,
  type AuthzClientEventRow,
  type AuthzContext,
  type AuthzEventRow,
  type AuthzRow,
} from '../matrix';
import { buildMember, quietDatabase } from '../../helpers/factories';
import {
  acceptedConversation,
  memberSocket,
  sendMessage,
  signedInMember,
  startConversation,
  type SignedIn,
} from '../../helpers/messaging';

/** The messaging services over the matrix's database, with limits that its many fixtures never reach. */
const services = new WeakMap<object, { conversations: ConversationService; messages: MessageService }>();
function servicesOf(ctx: AuthzContext) {
  let found = services.get(ctx.app.db);
  if (!found) {
    const members = createMemberService(ctx.app.db);
    const plenty = { points: 1_000_000, seconds: 1 };
    const limits = createMessagingLimits({
      messages: plenty,
      newAccountMessages: plenty,
      starts: plenty,
      newAccountStarts: plenty,
    });
    // Fixtures notify nobody and tell no socket: the rows' own requests do.
    const db = quietDatabase(ctx.app.db);
    const messages = createMessageService(db, members, limits);
    found = { conversations: createConversationService(db, members, limits, messages), messages };
    services.set(ctx.app.db, found);
  }
  return found;
}

/** A member row by id (the services take rows). */
async function row(ctx: AuthzContext, id: string): Promise<MemberRow> {
  const found = await findMemberById(ctx.app.db, id);
  if (!found) throw new Error(`no member ${id}`);
  return found;
}

/**
 * A fresh direct conversation (or a group, with a title) that a fresh member (none of the actors)
 * started with `owner`, with a first message of theirs; `owner` accepted it unless told not to, and
 * wrote a message of its own.
 */
async function ownersFixture(
  ctx: AuthzContext,
  { accepted = true, group = false } = {},
): Promise<{ conversationId: string; ownMessageId: string; theirMessageId: string }> {
  const { conversations, messages } = servicesOf(ctx);
  const other = await row(ctx, (await buildMember()).id);
  const owner = await row(ctx, ctx.owner.id);
  const started = await conversations.start(other, {
    memberIds: [owner.id],
    body: 'Hola',
    ...(group ? { title: 'Grupo de la matriz' } : {}),
  });
  const conversationId = started.conversation.id;
  if (!started.message) throw new Error('no first message');
  if (!accepted) return { conversationId, ownMessageId: '', theirMessageId: started.message.id };
  await conversations.accept(owner, conversationId);
  const own = await messages.send(owner, conversationId, { body: 'Hola, aquí', clientId: randomUUID() });
  return { conversationId, ownMessageId: own.message.id, theirMessageId: started.message.id };
}

/** Pending and suspended members may not write: refused before the conversation is looked up. */
const mayNotWrite = { pending: 403, suspended: 403 };

/** A row about `owner`'s fresh conversation (and, with `:messageId`, a message in it). */
function ofOwner(
  method: AuthzRow['method'],
  path: string,
  expect: Record<AuthzActor, number>,
  options: {
    body?: () => Promise<unknown>;
    message?: 'own' | 'theirs';
    accepted?: boolean;
    group?: boolean;
  } = {},
): AuthzRow {
  return {
    method,
    path: `/api/v1${path}`,
    async prepare(ctx) {
      const fixture = await ownersFixture(ctx, options);
      const messageId = options.message === 'theirs' ? fixture.theirMessageId : fixture.ownMessageId;
      const url = path.replace(':id', fixture.conversationId).replace(':messageId', messageId);
      return { url: `/api/v1${url}`, body: await options.body?.() };
    },
    expect,
  };
}

/**
 * Direct messages: a conversation of `owner`'s is `owner`'s alone among the actors, and to everyone
 * else, staff included, it is the same 404 as one that does not exist. Routes that name no conversation
 * are asked with bodies that fail validation, or about things that do not exist.
 */
export const rows: AuthzRow[] = [
  probe('get', '/conversations', membersOnly(200)),
  probe('get', '/conversations/unread', membersOnly(200)),
  probe('post', '/conversations', membersOnly(400), {}),
  ofOwner('get', '/conversations/:id', membersOnly(404, { owner: 200 })),
  ofOwner('post', '/conversations/:id/accept', membersOnly(404, { owner: 200 }), { accepted: false }),
  ofOwner('post', '/conversations/:id/decline', membersOnly(404, { owner: 204 }), { accepted: false }),
  // Leaving and adding members are for groups.
  ofOwner('post', '/conversations/:id/leave', membersOnly(404, { owner: 204 }), { group: true }),
  ofOwner('post', '/conversations/:id/members', membersOnly(404, { owner: 200, ...mayNotWrite }), {
    group: true,
    body: async () => ({ memberIds: [(await buildMember()).id] }),
  }),
  ofOwner('put', '/conversations/:id/mute', membersOnly(404, { owner: 200 }), {
    body: () => Promise.resolve({ muted: true }),
  }),
  ofOwner('post', '/conversations/:id/read', membersOnly(404, { owner: 204 }), {
    body: () => Promise.resolve({ seq: 1 }),
  }),
  ofOwner('get', '/conversations/:id/messages', membersOnly(404, { owner: 200 })),
  ofOwner('post', '/conversations/:id/messages', membersOnly(404, { owner: 201, ...mayNotWrite }), {
    body: () => Promise.resolve({ body: 'Otro mensaje', clientId: randomUUID() }),
  }),
  ofOwner(
    'patch',
    '/conversations/:id/messages/:messageId',
    membersOnly(404, { owner: 200, ...mayNotWrite }),
    {
      body: () => Promise.resolve({ body: 'Editado por su autor' }),
    },
  ),
  ofOwner('delete', '/conversations/:id/messages/:messageId', membersOnly(404, { owner: 200 })),
  // A participant reports the other's message.
  ofOwner('post', '/conversations/:id/messages/:messageId/report', membersOnly(404, { owner: 201 }), {
    body: () => Promise.resolve({ reason: 'spam' }),
    message: 'theirs',
  }),
  probe('get', '/blocks', membersOnly(200)),
  probe('post', '/blocks', membersOnly(400), {}),
  // Unblocking someone not blocked (or nobody) leaves nothing to undo: 204 all the same.
  probe('delete', '/blocks/:memberId', membersOnly(204)),
  probe('get', '/me/messaging', membersOnly(200)),
  probe('put', '/me/messaging', membersOnly(400), { allow: 'nobody-at-all' }),
];

/** `owner` as the messaging helpers take a signed-in member (its shared client). */
const ownerSignedIn = (ctx: AuthzContext): SignedIn => ({
  ...ctx.owner,
  client: ctx.clients.owner,
  cookie: '',
});

/**
 * A direct conversation that another member (none of the actors) started with `owner`, who accepted it:
 * its participants' sockets are put in its room at the handshake; every actor's socket also asks
 * `conversation:join`, which only a participant is granted.
 */
async function ownersConversation(ctx: AuthzContext): Promise<{ conversationId: string; other: SignedIn }> {
  const other = await signedInMember(ctx.app.url);
  const conversation = await acceptedConversation(other, ownerSignedIn(ctx));
  return { conversationId: conversation.id, other };
}

/** A conversation's events reach its participants: of the actors, `owner` alone. */
const participants = receivers('owner');

/**
 * Joining a conversation's room, and typing in it: `owner`'s conversation is `owner`'s alone; to every
 * other member, staff included, it does not exist; visitors take no part in conversations.
 */
export const clientEventRows: AuthzClientEventRow[] = [
  {
    event: 'conversation:join',
    payload: async (ctx) => ({ conversationId: (await ownersFixture(ctx)).conversationId }),
    expect: acks('not_found', { anonymous: 'unauthenticated', owner: 'ok' }),
  },
  {
    event: 'typing',
    payload: async (ctx) => ({ conversationId: (await ownersFixture(ctx)).conversationId }),
    expect: acks('not_found', { anonymous: 'unauthenticated', owner: 'ok' }),
  },
];

export const eventRows: AuthzEventRow[] = [
  {
    event: 'message:created',
    prepare: ownersConversation,
    async trigger(_ctx, { conversationId, other }) {
      if (!other || !conversationId) throw new Error('no conversation');
      await sendMessage(other, conversationId, 'A message from the matrix');
    },
    receives: participants,
  },
  {
    event: 'message:updated',
    prepare: ownersConversation,
    async trigger(_ctx, { conversationId, other }) {
      if (!other || !conversationId) throw new Error('no conversation');
      const message = await sendMessage(other, conversationId, 'A message from the matrix');
      const res = await other.client.send(
        'patch',
        `/api/v1/conversations/${conversationId}/messages/${message.id}`,
        { body: 'A message from the matrix, edited' },
      );
      if (res.status !== 200) throw new Error(`edit answered ${res.status}`);
    },
    receives: participants,
  },
  {
    event: 'conversation:read',
    prepare: ownersConversation,
    async trigger(ctx, { conversationId, other }) {
      if (!other || !conversationId) throw new Error('no conversation');
      // The owner reads the other's new message: "seen by" for the other, the count for its own tabs.
      const message = await sendMessage(other, conversationId, 'A message to read');
      const res = await ctx.clients.owner.send('post', `/api/v1/conversations/${conversationId}/read`, {
        seq: message.seq,
      });
      if (res.status !== 200 && res.status !== 204) throw new Error(`read answered ${res.status}`);
    },
    receives: participants,
  },
  {
    event: 'conversation:changed',
    // Nothing to prepare: the event goes to the member's own room, not the conversation's.
    async trigger(ctx) {
      const other = await signedInMember(ctx.app.url);
      await startConversation(other, [ctx.owner], { body: 'Hola' });
    },
    // Another member started a conversation with `owner`: only the owner's sockets hear of it.
    receives: participants,
  },
  {
    event: 'typing',
    prepare: ownersConversation,
    async trigger(ctx, { conversationId, other }) {
      if (!other || !conversationId) throw new Error('no conversation');
      // The other participant types, through its own client socket.
      const socket = await memberSocket(ctx.app.url, other);
      try {
        const ack = await socket.emitWithAck('typing', { conversationId });
        if (!ack.ok) throw new Error(`typing answered ${ack.error.code}`);
      } finally {
        socket.close();
      }
    },
    receives: participants,
  },
];
