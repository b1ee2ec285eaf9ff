import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import {
  acceptedConversation,
  sendMessage,
  signedInMember,
  startConversation,
  type SignedIn,
} from '../helpers/messaging';

describe('conversations API', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  describe('POST /api/v1/conversations', () => {
    it('refuses visitors with 401', async () => {
      const res = await new ApiClient(app.url).send('post', '/api/v1/conversations', { memberIds: [] });
      expect(res.status).to.equal(401);
    });

    it('refuses bad input with localized field errors', async () => {
      const a = await signedInMember(undefined, 'en');
      const res = await a.client.send('post', '/api/v1/conversations', { memberIds: ['nope'], body: '' });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
      expect(Object.keys(res.body.error.fields)).to.include.members(['memberIds.0', 'body']);
      const long = await a.client.send('post', '/api/v1/conversations', {
        memberIds: [a.id],
        body: 'x'.repeat(5001),
      });
      expect(long.status).to.equal(400);
      expect(long.body.error.fields.body.message).to.equal('Use at most 5000 characters.');
    });

    it('refuses messaging oneself and unknown members', async () => {
      const a = await signedInMember();
      expect((await a.client.send('post', '/api/v1/conversations', { memberIds: [a.id] })).status).to.equal(
        400,
      );
      const ghost = await a.client.send('post', '/api/v1/conversations', {
        handles: ['nobody_here_at_all'],
      });
      expect(ghost.status).to.equal(404);
    });

    it('starts a message request by handle; the recipient sees it under requests, not in the inbox', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const res = await a.client.send('post', '/api/v1/conversations', {
        handles: [b.handle],
        body: '¿Podrías compartir los términos de referencia de tu unidad de datos abiertos?',
      });
      expect(res.status).to.equal(201);
      const { conversation, message } = res.body;
      expect(conversation).to.include({ kind: 'direct', title: null, lastSeq: 1 });
      expect(conversation.me).to.include({ state: 'active', unreadCount: 0 });
      expect(message).to.include({ seq: 1, deleted: false });
      expect(message.html).to.contain('<p>¿Podrías compartir');

      const requests = await b.client.get('/api/v1/conversations?tab=requests').expect(200);
      expect(requests.body.items.map((c: { id: string }) => c.id)).to.deep.equal([conversation.id]);
      expect(requests.body.items[0].me).to.include({ state: 'requested', unreadCount: 1 });
      expect(requests.body.items[0].can).to.include({ send: false, answerRequest: true });
      const inbox = await b.client.get('/api/v1/conversations').expect(200);
      expect(inbox.body.items).to.deep.equal([]);
      const unread = await b.client.get('/api/v1/conversations/unread').expect(200);
      expect(unread.body).to.deep.equal({ total: 0, requests: 1 });

      // The recipient cannot reply before accepting.
      const early = await b.client.send('post', `/api/v1/conversations/${conversation.id}/messages`, {
        body: 'Hola',
        clientId: 'early-1',
      });
      expect(early.status).to.equal(403);
      expect(early.body.error.code).to.equal('message_request_pending');
    });

    it('returns the existing direct conversation when started again, from either side', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const first = await acceptedConversation(a, b);
      const again = await b.client.send('post', '/api/v1/conversations', { memberIds: [a.id] });
      expect(again.status).to.equal(200);
      expect(again.body.conversation.id).to.equal(first.id);
    });

    it('starts a group with a title, up to 20 members', async () => {
      const a = await signedInMember();
      const others = await Promise.all(Array.from({ length: 19 }, () => buildMember()));
      const noTitle = await a.client.send('post', '/api/v1/conversations', {
        memberIds: others.map((o) => o.id),
      });
      expect(noTitle.status).to.equal(400);
      expect(noTitle.body.error.fields).to.have.property('title');
      const { conversation } = await startConversation(a, others, { title: 'Red de datos abiertos' });
      expect(conversation).to.include({ kind: 'group', title: 'Red de datos abiertos' });
      expect(conversation.members).to.have.length(20);
      const extra = await buildMember();
      const full = await a.client.send('post', `/api/v1/conversations/${conversation.id}/members`, {
        memberIds: [extra.id],
      });
      expect(full.status).to.equal(400);
      expect(full.body.error.code).to.equal('conversation_full');
    });
  });

  describe('consent and privacy', () => {
    it('lets a recipient decline: the sender cannot send again', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const { conversation } = await startConversation(a, [b], { body: 'Hola' });
      expect(
        (await b.client.send('post', `/api/v1/conversations/${conversation.id}/decline`)).status,
      ).to.equal(204);
      const retry = await a.client.send('post', `/api/v1/conversations/${conversation.id}/messages`, {
        body: 'Hola otra vez',
        clientId: 'again-1',
      });
      expect(retry.status).to.equal(403);
      expect(retry.body.error.code).to.equal('message_request_declined');
      const restart = await a.client.send('post', '/api/v1/conversations', {
        memberIds: [b.id],
        body: '¿Y ahora?',
      });
      expect(restart.status).to.equal(403);
      // The decliner is no longer a member.
      expect((await b.client.get(`/api/v1/conversations/${conversation.id}/messages`)).status).to.equal(404);
    });

    it('makes the recipient an active member at once when they wrote to the sender before', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const c = await signedInMember();
      const group = await startConversation(a, [b, c], { title: 'Grupo' });
      await b.client.send('post', `/api/v1/conversations/${group.conversation.id}/accept`);
      await sendMessage(b, group.conversation.id, 'Hola a todos');
      const direct = await startConversation(a, [b], { body: 'Te escribo en privado' });
      expect(direct.conversation.members.find((m) => m.id === b.id)?.state).to.equal('active');
    });

    it('honours "nobody" and "only people I have messaged"', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      for (const who of ['nobody', 'contacts']) {
        const set = await b.client.send('put', '/api/v1/me/messaging', { whoCanMessage: who });
        expect(set.status).to.equal(200);
        expect((await b.client.get('/api/v1/me/messaging').expect(200)).body).to.deep.equal({
          whoCanMessage: who,
        });
        const res = await a.client.send('post', '/api/v1/conversations', { memberIds: [b.id], body: 'Hola' });
        expect(res.status, who).to.equal(403);
        expect(res.body.error.code).to.equal('messaging_not_allowed');
      }
      expect((await b.client.send('put', '/api/v1/me/messaging', { whoCanMessage: 'all' })).status).to.equal(
        400,
      );
    });

    it('stops messages and requests both ways once either member blocks the other', async () => {
      const a = await signedInMember();
      const b = await signedInMember();
      const conversation = await acceptedConversation(a, b);
      const block = await b.client.send('post', '/api/v1/blocks', { memberId: a.id });
      expect(block.status).to.equal(201);
      expect(
        (await b.client.get('/api/v1/blocks').expect(200)).body.items.map((m: { id: string }) => m.id),
      ).to.deep.equal([a.id]);
      for (const [from, text] of [
        [a, 'desde a'],
        [b, 'desde b'],
      ] as [SignedIn, string][]) {
        const res = await from.client.send('post', `/api/v1/conversations/${conversation.id}/messages`, {
          body: text,
          clientId: `blocked-${from.id}`,
        });
        expect(res.status).to.equal(403);
        expect(res.body.error.code).to.equal('messaging_not_allowed');
      }
      const c = await signedInMember();
      const group = await a.client.send('post', '/api/v1/conversations', {
        memberIds: [b.id, c.id],
        title: 'G',
      });
      expect(group.status).to.equal(403);
      expect((await b.client.send('delete', `/api/v1/blocks/${a.id}`)).status).to.equal(204);
      await sendMessage(a, conversation.id, 'de nuevo');
    });
  });

  describe('non-members', () => {
    let a: SignedIn;
    let b: SignedIn;
    let outsider: SignedIn;
    let moderator: SignedIn;
    let conversationId: string;
    let messageId: string;
    before(async () => {
      a = await signedInMember();
      b = await signedInMember();
      outsider = await signedInMember();
      moderator = await signedInMember();
      await app.pool.query(`update members set role = 'moderator' where id = $1`, [moderator.id]);
      const conversation = await acceptedConversation(a, b, 'Confidencial');
      conversationId = conversation.id;
      messageId = (await sendMessage(b, conversationId, 'Respuesta')).id;
    });

    it('get 404 on every route, moderators included, and change nothing', async () => {
      for (const who of [outsider, moderator]) {
        const base = `/api/v1/conversations/${conversationId}`;
        const reads = [base, `${base}/messages`, `${base}/messages?afterSeq=0`];
        for (const path of reads) expect((await who.client.get(path)).status, path).to.equal(404);
        const writes: [Parameters<ApiClient['send']>[0], string, unknown][] = [
          ['post', `${base}/messages`, { body: 'intruso', clientId: 'x1' }],
          ['post', `${base}/read`, { seq: 2 }],
          ['post', `${base}/accept`, undefined],
          ['post', `${base}/decline`, undefined],
          ['post', `${base}/leave`, undefined],
          ['post', `${base}/members`, { memberIds: [who.id] }],
          ['put', `${base}/mute`, { muted: true }],
          ['patch', `${base}/messages/${messageId}`, { body: 'cambiado' }],
          ['delete', `${base}/messages/${messageId}`, undefined],
          ['post', `${base}/messages/${messageId}/report`, { reason: 'spam' }],
        ];
        for (const [method, path, body] of writes) {
          const res = await who.client.send(method, path, body);
          expect(res.status, `${method} ${path}`).to.equal(404);
          expect(res.body.error.code).to.equal('not_found');
        }
        const list = await who.client.get('/api/v1/conversations').expect(200);
        expect(list.body.items.map((c: { id: string }) => c.id)).not.to.include(conversationId);
      }
      const history = await a.client.get(`/api/v1/conversations/${conversationId}/messages`).expect(200);
      expect(history.body.items.map((m: { body: string }) => m.body)).to.deep.equal([
        'Confidencial',
        'Respuesta',
      ]);
    });

    it('gets 404 for ids that are not ids', async () => {
      expect((await outsider.client.get('/api/v1/conversations/not-an-id/messages')).status).to.equal(404);
    });

    it('refuses visitors with 401', async () => {
      const visitor = new ApiClient(app.url);
      expect((await visitor.get(`/api/v1/conversations/${conversationId}/messages`)).status).to.equal(401);
      expect((await visitor.get('/api/v1/conversations')).status).to.equal(401);
      expect((await visitor.get('/api/v1/conversations/unread')).status).to.equal(401);
      expect((await visitor.get('/api/v1/blocks')).status).to.equal(401);
    });
  });
});
