import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { MessageDto } from '@shared/api/messaging';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import {
  acceptedConversation,
  sendMessage,
  signedInMember,
  startConversation,
  type SignedIn,
} from '../helpers/messaging';

describe('messages API', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  it('stores a retried send once: the same clientId returns the stored message', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const clientId = randomUUID();
    const path = `/api/v1/conversations/${conversation.id}/messages`;
    const first = await a.client.send('post', path, { body: 'Una sola vez', clientId });
    expect(first.status).to.equal(201);
    const [retry, concurrent] = await Promise.all([
      a.client.send('post', path, { body: 'Una sola vez', clientId }),
      a.client.send('post', path, { body: 'Una sola vez', clientId }),
    ]);
    for (const res of [retry, concurrent]) {
      expect(res.status).to.equal(200);
      expect(res.body.message).to.deep.equal(first.body.message);
    }
    const { rows } = await app.pool.query(
      'select count(*)::int as n from messages where conversation_id = $1',
      [conversation.id],
    );
    expect(rows[0].n).to.equal(2);
    // Another member may use the same clientId: it is scoped to its author.
    const other = await b.client.send('post', path, { body: 'Yo también', clientId });
    expect(other.status).to.equal(201);
    expect(other.body.message.seq).to.equal(3);
  });

  it('gives 20 concurrent senders seqs 1..N with no gaps or duplicates', async function () {
    this.timeout(120_000);
    const owner = await signedInMember();
    const senders: SignedIn[] = await Promise.all(Array.from({ length: 19 }, () => signedInMember()));
    const { conversation } = await startConversation(owner, senders, { title: 'Concurrencia' });
    await Promise.all(
      senders.map((s) => s.client.send('post', `/api/v1/conversations/${conversation.id}/accept`)),
    );
    const everyone = [owner, ...senders];
    const perSender = 3;
    const results = await Promise.all(
      everyone.flatMap((sender, i) =>
        Array.from({ length: perSender }, (_, j) => sendMessage(sender, conversation.id, `m ${i}.${j}`)),
      ),
    );
    const n = everyone.length * perSender;
    expect(results.map((m) => m.seq).sort((x, y) => x - y)).to.deep.equal(
      Array.from({ length: n }, (_, k) => k + 1),
    );
    const history = await owner.client.get(
      `/api/v1/conversations/${conversation.id}/messages?afterSeq=0&limit=200`,
    );
    const items = history.body.items as MessageDto[];
    expect(items.map((m) => m.seq)).to.deep.equal(Array.from({ length: n }, (_, k) => k + 1));
    // Each sender's own messages keep the order they were acknowledged in.
    for (const result of results) expect(items[result.seq - 1]?.id).to.equal(result.id);
    const view = await owner.client.get(`/api/v1/conversations/${conversation.id}`).expect(200);
    expect(view.body.conversation.lastSeq).to.equal(n);
  });

  it('pages history upward and catches up with afterSeq', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b, 'm1');
    for (const text of ['m2', 'm3', 'm4']) await sendMessage(a, conversation.id, text);
    const base = `/api/v1/conversations/${conversation.id}/messages`;
    const latest = await b.client.get(`${base}?limit=2`).expect(200);
    expect(latest.body).to.deep.include({ hasMore: true });
    expect(latest.body.items.map((m: MessageDto) => m.body)).to.deep.equal(['m3', 'm4']);
    const older = await b.client.get(`${base}?beforeSeq=3&limit=5`).expect(200);
    expect(older.body.items.map((m: MessageDto) => m.body)).to.deep.equal(['m1', 'm2']);
    expect(older.body.hasMore).to.equal(false);
    const after = await b.client.get(`${base}?afterSeq=2`).expect(200);
    expect(after.body.items.map((m: MessageDto) => m.seq)).to.deep.equal([3, 4]);
    expect((await b.client.get(`${base}?afterSeq=-1`)).status).to.equal(400);
    expect((await b.client.get(`${base}?afterSeq=1&beforeSeq=3`)).status).to.equal(400);
  });

  it('says there is more only when there is, in both directions, with pages that end exactly', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b, 'm1');
    for (const text of ['m2', 'm3', 'm4']) await sendMessage(a, conversation.id, text);
    const base = `/api/v1/conversations/${conversation.id}/messages`;
    const pageOf = async (query: string) => {
      const res = await b.client.get(`${base}?${query}`).expect(200);
      return { seqs: res.body.items.map((m: MessageDto) => m.seq), hasMore: res.body.hasMore };
    };
    // Catching up: after 1, two at a time, then the last two, then nothing.
    expect(await pageOf('afterSeq=1&limit=2')).to.deep.equal({ seqs: [2, 3], hasMore: true });
    expect(await pageOf('afterSeq=2&limit=2')).to.deep.equal({ seqs: [3, 4], hasMore: false });
    expect(await pageOf('afterSeq=4&limit=2')).to.deep.equal({ seqs: [], hasMore: false });
    // Older history: before 4, two at a time, then the first ones.
    expect(await pageOf('beforeSeq=4&limit=2')).to.deep.equal({ seqs: [2, 3], hasMore: true });
    expect(await pageOf('beforeSeq=3&limit=2')).to.deep.equal({ seqs: [1, 2], hasMore: false });
    expect(await pageOf('beforeSeq=1&limit=2')).to.deep.equal({ seqs: [], hasMore: false });
    // The latest: a page exactly as long as the conversation has nothing more.
    expect(await pageOf('limit=4')).to.deep.equal({ seqs: [1, 2, 3, 4], hasMore: false });
    expect(await pageOf('limit=3')).to.deep.equal({ seqs: [2, 3, 4], hasMore: true });
  });

  it('renders Markdown without images or raw HTML, and links mentions of real members', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const message = await sendMessage(
      a,
      conversation.id,
      `**Hola** @${b.handle} ![x](https://example.org/x.png) <script>alert(1)</script>`,
    );
    expect(message.html).to.contain('<strong>Hola</strong>');
    expect(message.html).to.contain(`href="/members/${b.handle}"`);
    expect(message.html).not.to.contain('<img');
    expect(message.html).not.to.contain('<script');
  });

  it('lets the author edit within 15 minutes and delete; others may not', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    const message = await sendMessage(a, conversation.id, 'borrador');
    const path = `/api/v1/conversations/${conversation.id}/messages/${message.id}`;
    expect((await b.client.send('patch', path, { body: 'ajeno' })).status).to.equal(403);
    expect((await b.client.send('delete', path)).status).to.equal(403);
    const edited = await a.client.send('patch', path, { body: 'versión *final*' });
    expect(edited.status).to.equal(200);
    expect(edited.body.message).to.include({ body: 'versión *final*', seq: message.seq });
    expect(edited.body.message.editedAt).to.be.a('string');
    await app.pool.query(`update messages set created_at = now() - interval '16 minutes' where id = $1`, [
      message.id,
    ]);
    const late = await a.client.send('patch', path, { body: 'tarde' });
    expect(late.status).to.equal(403);
    expect(late.body.error).to.deep.equal({
      code: 'message_edit_window_passed',
      message: 'Los mensajes solo se pueden editar durante 15 minutos después de enviarlos.',
    });
    const deleted = await a.client.send('delete', path);
    expect(deleted.status).to.equal(200);
    expect(deleted.body.message).to.include({ deleted: true, body: null, html: null, seq: message.seq });
    const history = await b.client.get(`/api/v1/conversations/${conversation.id}/messages`).expect(200);
    expect(history.body.items.find((m: MessageDto) => m.id === message.id)).to.include({ deleted: true });
    expect((await a.client.send('delete', path)).status).to.equal(404);
    // A deleted message cannot be written again, and its words are gone from the database, not hidden.
    expect((await a.client.send('patch', path, { body: 'resucitado' })).status).to.equal(404);
    const { rows } = await app.pool.query<{ body_source: string; body_html: string }>(
      'select body_source, body_html from messages where id = $1',
      [message.id],
    );
    expect(rows).to.deep.equal([{ body_source: '', body_html: '' }]);
  });

  it('copies only the reported message into message_reports', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b, 'contexto inocente');
    const offending = await sendMessage(a, conversation.id, 'mensaje ofensivo');
    await sendMessage(a, conversation.id, 'otro mensaje');
    const base = `/api/v1/conversations/${conversation.id}/messages/${offending.id}/report`;
    expect((await a.client.send('post', base, { reason: 'spam' })).status).to.equal(403);
    expect((await b.client.send('post', base, { reason: 'rude' })).status).to.equal(400);
    const res = await b.client.send('post', base, { reason: 'harassment', note: 'Insultos' });
    expect(res.status).to.equal(201);
    const again = await b.client.send('post', base, { reason: 'harassment' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('already_reported');
    const { rows } = await app.pool.query('select * from message_reports where reporter_id = $1', [b.id]);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({
      message_id: offending.id,
      author_id: a.id,
      reason: 'harassment',
      note: 'Insultos',
      body_source: 'mensaje ofensivo',
    });
    expect(JSON.stringify(rows[0])).not.to.contain('contexto inocente');
    expect(JSON.stringify(rows[0])).not.to.contain('otro mensaje');
  });

  it('keeps read marks per member: unread counts, badge totals, mute', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b, 'uno');
    await sendMessage(a, conversation.id, 'dos');
    await sendMessage(a, conversation.id, 'tres');
    expect((await b.client.get('/api/v1/conversations/unread').expect(200)).body).to.deep.equal({
      total: 3,
      requests: 0,
    });
    const read = `/api/v1/conversations/${conversation.id}/read`;
    expect((await b.client.send('post', read, { seq: 2 })).status).to.equal(204);
    expect((await b.client.send('post', read, { seq: 1 })).status).to.equal(204);
    const view = await b.client.get(`/api/v1/conversations/${conversation.id}`).expect(200);
    expect(view.body.conversation.me).to.include({ lastReadSeq: 2, unreadCount: 1 });
    // "Seen by": A sees B's read mark.
    const seen = await a.client.get(`/api/v1/conversations/${conversation.id}`).expect(200);
    expect(seen.body.conversation.members.find((m: { id: string }) => m.id === b.id).lastReadSeq).to.equal(2);
    expect((await b.client.send('post', read, { seq: 99 })).status).to.equal(204);
    expect((await b.client.get('/api/v1/conversations/unread').expect(200)).body.total).to.equal(0);
    await sendMessage(a, conversation.id, 'cuatro');
    expect(
      (await b.client.send('put', `/api/v1/conversations/${conversation.id}/mute`, { muted: true })).status,
    ).to.equal(200);
    expect((await b.client.get('/api/v1/conversations/unread').expect(200)).body.total).to.equal(0);
    expect((await b.client.send('post', read, { seq: 'x' })).status).to.equal(400);
  });

  it('limits each sender, more strictly when the account is new, with a localized 429', async () => {
    const a = await signedInMember(undefined, 'pt');
    const b = await signedInMember();
    const conversation = await acceptedConversation(a, b);
    let res;
    let sent = 1;
    do {
      res = await a.client.send('post', `/api/v1/conversations/${conversation.id}/messages`, {
        body: `rápido ${sent}`,
        clientId: randomUUID(),
      });
      sent += 1;
    } while (res.status === 201 && sent < 20);
    expect(res.status).to.equal(429);
    expect(sent).to.be.at.most(6);
    expect(res.body.error.code).to.equal('rate_limited');
    expect(res.body.error.message).to.equal('Tentativas demais. Aguarde um momento e tente novamente.');
    expect(Number(res.headers['retry-after'])).to.be.within(1, 30);
    // Others are not slowed by one sender.
    await sendMessage(b, conversation.id, 'sin prisa');
  });

  it('lets members leave a group and add others; direct conversations cannot be left', async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const c = await buildMember();
    const { conversation } = await startConversation(a, [b], { title: 'Dos', body: 'hola' });
    const add = await a.client.send('post', `/api/v1/conversations/${conversation.id}/members`, {
      memberIds: [c.id],
    });
    expect(add.status).to.equal(200);
    expect(add.body.conversation.members.map((m: { id: string }) => m.id)).to.include(c.id);
    expect((await b.client.send('post', `/api/v1/conversations/${conversation.id}/leave`)).status).to.equal(
      204,
    );
    expect((await b.client.get(`/api/v1/conversations/${conversation.id}/messages`)).status).to.equal(404);
    const direct = await acceptedConversation(a, b);
    const leave = await a.client.send('post', `/api/v1/conversations/${direct.id}/leave`);
    expect(leave.status).to.equal(409);
    expect(leave.body.error.code).to.equal('conversation_not_group');
  });
});

describe('group history and members added later', () => {
  before(async () => {
    await getTestApp();
  });

  /** A group `a` started with `b` (accepted), with two messages, to which `a` then adds `c`. */
  async function groupWithLateMember() {
    const [a, b, c] = [await signedInMember(), await signedInMember(), await signedInMember()];
    const { conversation } = await startConversation(a, [b], { title: 'Antes y después', body: 'antes 1' });
    await b.client.send('post', `/api/v1/conversations/${conversation.id}/accept`);
    const before = await sendMessage(b, conversation.id, 'antes 2');
    const add = await a.client.send('post', `/api/v1/conversations/${conversation.id}/members`, {
      memberIds: [c.id],
    });
    expect(add.status, JSON.stringify(add.body)).to.equal(200);
    return { a, b, c, id: conversation.id, before };
  }

  const bodies = (items: MessageDto[]) => items.map((m) => m.body);

  it('shows a member added to a group only the messages sent after they joined, and records where they joined', async () => {
    const { a, b, c, id, before } = await groupWithLateMember();
    await sendMessage(a, id, 'después');

    const history = await c.client.get(`/api/v1/conversations/${id}/messages`).expect(200);
    expect(bodies(history.body.items)).to.deep.equal(['después']);
    expect(history.body.hasMore).to.equal(false);
    const older = await c.client.get(`/api/v1/conversations/${id}/messages?beforeSeq=3`).expect(200);
    expect(bodies(older.body.items)).to.deep.equal([]);
    const caughtUp = await c.client.get(`/api/v1/conversations/${id}/messages?afterSeq=0`).expect(200);
    expect(bodies(caughtUp.body.items)).to.deep.equal(['después']);
    // Those who were there still read everything.
    const full = await b.client.get(`/api/v1/conversations/${id}/messages`).expect(200);
    expect(bodies(full.body.items)).to.deep.equal(['antes 1', 'antes 2', 'después']);

    const view = await c.client.get(`/api/v1/conversations/${id}`).expect(200);
    expect(view.body.conversation.me).to.include({ joinedSeq: before.seq, lastReadSeq: before.seq });
    const joined = (view.body.conversation.members as { id: string; joinedSeq: number }[]).map((m) => [
      m.id,
      m.joinedSeq,
    ]);
    expect(joined).to.have.deep.members([
      [a.id, 0],
      [b.id, 0],
      [c.id, before.seq],
    ]);
  });

  it('counts no earlier message as unread and shows no earlier message as the preview', async () => {
    const { c, id } = await groupWithLateMember();
    const requests = await c.client.get('/api/v1/conversations?tab=requests').expect(200);
    const listed = (
      requests.body.items as { id: string; lastMessage: unknown; me: { unreadCount: number } }[]
    ).find((item) => item.id === id);
    expect(listed?.lastMessage).to.equal(null);
    expect(listed?.me.unreadCount).to.equal(0);
  });

  it('answers 404 for reporting a message from before the member joined', async () => {
    const { c, id, before } = await groupWithLateMember();
    const res = await c.client.send('post', `/api/v1/conversations/${id}/messages/${before.id}/report`, {
      reason: 'spam',
    });
    expect(res.status).to.equal(404);
  });

  it('starts a member who left and is added again after the messages sent meanwhile', async () => {
    const { a, b, id } = await groupWithLateMember();
    await b.client.send('post', `/api/v1/conversations/${id}/leave`);
    const away = await sendMessage(a, id, 'mientras no estaba');
    await a.client.send('post', `/api/v1/conversations/${id}/members`, { memberIds: [b.id] });
    await sendMessage(a, id, 'de vuelta');
    const history = await b.client.get(`/api/v1/conversations/${id}/messages`).expect(200);
    expect(bodies(history.body.items)).to.deep.equal(['de vuelta']);
    const view = await b.client.get(`/api/v1/conversations/${id}`).expect(200);
    expect(view.body.conversation.me.joinedSeq).to.equal(away.seq);
  });

  it('exports where the member joined each conversation', async () => {
    const { c, id, before } = await groupWithLateMember();
    const res = await c.client.get('/api/v1/me/export').expect(200);
    const archive = JSON.parse(res.text) as { data: { conversations: { id: string; joinedSeq: number }[] } };
    expect(archive.data.conversations.find((row) => row.id === id)?.joinedSeq).to.equal(before.seq);
  });
});
