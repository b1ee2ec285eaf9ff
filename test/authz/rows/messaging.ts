import {
  membersOnly,
  probe,
  receivers,
  type AuthzContext,
  type AuthzEventRow,
  type AuthzRow,
} from '../matrix';
import {
  acceptedConversation,
  memberSocket,
  sendMessage,
  signedInMember,
  startConversation,
  type SignedIn,
} from '../../helpers/messaging';

/**
 * Direct messages, asked about conversations and messages that do not exist: members only, and a
 * conversation one is not in is the same 404 as one that does not exist.
 */
export const rows: AuthzRow[] = [
  probe('get', '/conversations', membersOnly(200)),
  probe('get', '/conversations/unread', membersOnly(200)),
  probe('post', '/conversations', membersOnly(400), {}),
  probe('get', '/conversations/:id', membersOnly(404)),
  probe('post', '/conversations/:id/accept', membersOnly(404)),
  probe('post', '/conversations/:id/decline', membersOnly(404)),
  probe('post', '/conversations/:id/leave', membersOnly(404)),
  probe('post', '/conversations/:id/members', membersOnly(400), {}),
  probe('put', '/conversations/:id/mute', membersOnly(400), {}),
  probe('post', '/conversations/:id/read', membersOnly(400), {}),
  probe('get', '/conversations/:id/messages', membersOnly(404)),
  probe('post', '/conversations/:id/messages', membersOnly(400), {}),
  probe('patch', '/conversations/:id/messages/:messageId', membersOnly(400), {}),
  probe('delete', '/conversations/:id/messages/:messageId', membersOnly(404)),
  probe('post', '/conversations/:id/messages/:messageId/report', membersOnly(400), {}),
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
