import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { MessageDto } from '@shared/api/messaging';
import type { MessageEventPayload } from '@shared/events';
import { getTestApp, type TestApp } from '../helpers/app';
import { acceptedConversation, memberSocket, nextEvent, signedInMember } from '../helpers/messaging';
import type { ClientSocket } from '../helpers/sockets';

describe('messages: the scope of a send’s clientId', () => {
  let app: TestApp;
  const open: ClientSocket[] = [];
  before(async () => {
    app = await getTestApp();
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });

  it('treats the same clientId in another conversation as a new message, delivered to that conversation', async () => {
    const author = await signedInMember();
    const inA = await signedInMember();
    const inB = await signedInMember();
    const a = await acceptedConversation(inA, author);
    const b = await acceptedConversation(inB, author);
    const clientId = randomUUID();

    const first = await author.client.send('post', `/api/v1/conversations/${a.id}/messages`, {
      body: 'Para A',
      clientId,
    });
    expect(first.status).to.equal(201);

    const socket = await memberSocket(app.url, inB);
    open.push(socket);
    const delivered = nextEvent<MessageEventPayload>(socket, 'message:created');
    const second = await author.client.send('post', `/api/v1/conversations/${b.id}/messages`, {
      body: 'Para B',
      clientId,
    });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    const message = (second.body as { message: MessageDto }).message;
    expect(message.conversationId).to.equal(b.id);
    expect(message.id).not.to.equal((first.body as { message: MessageDto }).message.id);
    expect((await delivered).message.id).to.equal(message.id);

    // B's recipient finds it in the history; A holds only its own message under that clientId.
    const history = await inB.client.get(`/api/v1/conversations/${b.id}/messages`).expect(200);
    expect((history.body.items as MessageDto[]).map((m) => m.id)).to.include(message.id);
    expect(message.body).to.equal('Para B');
    const { rows } = await app.pool.query(
      'select conversation_id from messages where author_id = $1 and client_id = $2 order by seq',
      [author.id, clientId],
    );
    expect(rows.map((r: { conversation_id: string }) => r.conversation_id).sort()).to.deep.equal(
      [a.id, b.id].sort(),
    );
  });

  it('does not count retries of one send against the sender’s message limit', async () => {
    const sender = await signedInMember();
    const other = await signedInMember();
    // The other side starts it, so that only the sends below count for the sender (five per window).
    const conversation = await acceptedConversation(other, sender);
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    const clientId = randomUUID();
    const first = await sender.client.send('post', path, { body: 'Una vez', clientId });
    expect(first.status).to.equal(201);
    for (let retry = 1; retry <= 5; retry += 1) {
      const again = await sender.client.send('post', path, { body: 'Una vez', clientId });
      expect(again.status, `retry ${retry}: ${JSON.stringify(again.body)}`).to.equal(200);
      expect(again.body.message).to.deep.equal(first.body.message);
    }
    const next = await sender.client.send('post', path, { body: 'Otra', clientId: randomUUID() });
    expect(next.status, JSON.stringify(next.body)).to.equal(201);
    expect(next.body.message.seq).to.equal(first.body.message.seq + 1);
  });
});
