import { expect } from 'chai';
import type { Ack, ConversationReadPayload, MessageEventPayload, TypingPayload } from '@shared/events';
import { getTestApp, type TestApp } from '../helpers/app';
import {
  acceptedConversation,
  memberSocket,
  nextEvent,
  sendMessage,
  signedInMember,
  startConversation,
} from '../helpers/messaging';
import { connectSocket, type ClientSocket } from '../helpers/sockets';

/** Emits a client event and resolves with its ack. */
function request(
  socket: ClientSocket,
  event: 'conversation:join' | 'typing',
  payload: unknown,
): Promise<Ack> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (r: Ack) => void) => void)(event, payload, resolve);
  });
}

/** Collects every payload of an event until read. */
function collect<T>(socket: ClientSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, f: (p: T) => void): void }).on(event, (p: T) => seen.push(p));
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('messaging over sockets', () => {
  let app: TestApp;
  const open: ClientSocket[] = [];
  before(async () => {
    app = await getTestApp();
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });
  const connect = async (...args: Parameters<typeof memberSocket>) => {
    const socket = await memberSocket(...args);
    open.push(socket);
    return socket;
  };

  it('delivers message:created to every tab of every member, and to nobody else', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const outsider = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const [tab1, tab2, bSocket, outsiderSocket] = await Promise.all([
      connect(app.url, a),
      connect(app.url, a),
      connect(app.url, b),
      connect(app.url, outsider),
    ]);
    const leaked = collect<MessageEventPayload>(outsiderSocket, 'message:created');
    const events = Promise.all(
      [tab1, tab2, bSocket].map((s) => nextEvent<MessageEventPayload>(s, 'message:created')),
    );
    const sent = await sendMessage(a, conversation.id, 'en vivo');
    for (const event of await events) {
      expect(event.conversationId).to.equal(conversation.id);
      expect(event.message).to.deep.equal(sent);
    }
    // A non-member cannot join the room either.
    const refused = await request(outsiderSocket, 'conversation:join', { conversationId: conversation.id });
    expect(refused).to.deep.include({ ok: false });
    expect(refused.ok === false && refused.error.code).to.equal('not_found');
    await sendMessage(b, conversation.id, 'sigue privado');
    await settle();
    expect(leaked).to.deep.equal([]);
  });

  it('joins the recipient’s open sockets to a new conversation, so the request arrives live', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const bSocket = await connect(app.url, b);
    const changed = nextEvent<{ conversationId: string }>(bSocket, 'conversation:changed');
    const created = nextEvent<MessageEventPayload>(bSocket, 'message:created');
    const { conversation } = await startConversation(a, [b], { body: 'Solicitud' });
    expect((await changed).conversationId).to.equal(conversation.id);
    expect((await created).message.body).to.equal('Solicitud');
  });

  it('answers conversation:join for members and refuses bad payloads', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const socket = await connect(app.url, a);
    expect(await request(socket, 'conversation:join', { conversationId: conversation.id })).to.deep.equal({
      ok: true,
    });
    const bad = await request(socket, 'conversation:join', { conversationId: 'x'.repeat(100) });
    expect(bad.ok === false && bad.error.code).to.equal('validation_failed');
    const { socket: anonymous } = await connectSocket(app.url);
    open.push(anonymous);
    const anon = await request(anonymous, 'conversation:join', { conversationId: conversation.id });
    expect(anon.ok === false && anon.error.code).to.equal('unauthenticated');
  });

  it('relays typing to the other members, refuses it from non-members', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const outsider = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const [aSocket, bSocket, outsiderSocket] = await Promise.all([
      connect(app.url, a),
      connect(app.url, b),
      connect(app.url, outsider),
    ]);
    const typing = nextEvent<TypingPayload>(bSocket, 'typing');
    expect(await request(aSocket, 'typing', { conversationId: conversation.id })).to.deep.equal({ ok: true });
    expect(await typing).to.deep.equal({
      conversationId: conversation.id,
      memberId: a.id,
      displayName: a.displayName,
    });
    const refused = await request(outsiderSocket, 'typing', { conversationId: conversation.id });
    expect(refused.ok === false && refused.error.code).to.equal('not_found');
  });

  it('relays typing once per interval per member and conversation, however many sockets they type from', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const aSockets = await Promise.all([connect(app.url, a), connect(app.url, a), connect(app.url, a)]);
    const bSocket = await connect(app.url, b);
    const seen = collect<TypingPayload>(bSocket, 'typing');
    const acks = await Promise.all(
      aSockets.map((socket) => request(socket, 'typing', { conversationId: conversation.id })),
    );
    expect(acks).to.deep.equal([{ ok: true }, { ok: true }, { ok: true }]);
    await settle();
    expect(seen).to.have.length(1);
  });

  it('refuses typing across a block, so a blocked member cannot signal the one who blocked them', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const [aSocket, bSocket] = await Promise.all([connect(app.url, a), connect(app.url, b)]);
    const res = await a.client.send('post', '/api/v1/blocks', { memberId: b.id });
    expect(res.status).to.equal(201);
    const seen = collect<TypingPayload>(aSocket, 'typing');
    const refused = await request(bSocket, 'typing', { conversationId: conversation.id });
    expect(refused.ok === false && refused.error.code).to.equal('messaging_not_allowed');
    await settle();
    expect(seen).to.deep.equal([]);
  });

  it('does not send a member added to a group the edits and deletions of messages from before they joined', async () => {
    const [a, b, c] = [await signedInMember(), await signedInMember(), await signedInMember()];
    const { conversation, message } = await startConversation(a, [b], { title: 'Historia', body: 'antes' });
    await b.client.send('post', `/api/v1/conversations/${conversation.id}/accept`);
    await a.client.send('post', `/api/v1/conversations/${conversation.id}/members`, { memberIds: [c.id] });
    const [bSocket, cSocket] = await Promise.all([connect(app.url, b), connect(app.url, c)]);
    const bSaw = collect<MessageEventPayload>(bSocket, 'message:updated');
    const cSaw = collect<MessageEventPayload>(cSocket, 'message:updated');
    const cNew = collect<MessageEventPayload>(cSocket, 'message:created');
    const path = `/api/v1/conversations/${conversation.id}/messages/${message?.id ?? ''}`;
    expect((await a.client.send('patch', path, { body: 'antes, corregido' })).status).to.equal(200);
    const later = await sendMessage(a, conversation.id, 'después');
    expect(
      (
        await a.client.send('patch', `/api/v1/conversations/${conversation.id}/messages/${later.id}`, {
          body: 'después, corregido',
        })
      ).status,
    ).to.equal(200);
    await settle();
    expect(bSaw.map((e) => e.message.body)).to.deep.equal(['antes, corregido', 'después, corregido']);
    expect(cSaw.map((e) => e.message.body)).to.deep.equal(['después, corregido']);
    expect(cNew.map((e) => e.message.body)).to.deep.equal(['después']);
  });

  it('tells members when someone read up to a seq ("seen")', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const aSocket = await connect(app.url, a);
    const read = nextEvent<ConversationReadPayload>(aSocket, 'conversation:read');
    await b.client.send('post', `/api/v1/conversations/${conversation.id}/read`, { seq: 1 });
    expect(await read).to.deep.equal({ conversationId: conversation.id, memberId: b.id, seq: 1 });
  });

  it('takes a member’s sockets out of the room when they leave', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const { conversation } = await startConversation(a, [b], { title: 'Salida', body: 'hola' });
    await b.client.send('post', `/api/v1/conversations/${conversation.id}/accept`);
    const bSocket = await connect(app.url, b);
    const seen = collect<MessageEventPayload>(bSocket, 'message:created');
    await sendMessage(a, conversation.id, 'antes');
    await settle();
    expect(seen.map((e) => e.message.body)).to.deep.equal(['antes']);
    await b.client.send('post', `/api/v1/conversations/${conversation.id}/leave`);
    await sendMessage(a, conversation.id, 'después');
    await settle();
    expect(seen.map((e) => e.message.body)).to.deep.equal(['antes']);
  });
});
