import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';
import { buildCategory, unique } from '../helpers/factories';
import { connectSocket, sessionCookieFrom, type ClientSocket } from '../helpers/sockets';
import type { NotificationPage, NotificationPreferencesDto } from '@shared/api/notifications';
import type { AuthResponse } from '@shared/api/auth';
import type { NotificationCreatedPayload } from '@shared/events';

const BASE = 'http://agora.test';
const PASSWORD = 'una clave larga y rara';

interface Person {
  client: ApiClient;
  id: string;
  handle: string;
  email: string;
  cookie: string;
}

describe('notifications: in-app, live and by e-mail', function () {
  let app: TestApp;
  let smtp: TestSmtp;
  let categoryId: string;

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp(
      { SMTP_URL: smtp.url, BASE_URL: BASE, REQUIRE_EMAIL_VERIFICATION: 'false' },
      { outbox: { autoStart: false } },
    );
    categoryId = (await buildCategory({}, app)).id;
  });
  after(async () => {
    await app.dispose();
    await smtp.close();
  });

  const person = async (locale: string): Promise<Person> => {
    const client = new ApiClient(app.url);
    const email = `p-${unique()}@example.org`;
    const res = await client.send('post', '/api/v1/auth/register', {
      email,
      password: PASSWORD,
      displayName: `Persona ${unique()}`,
      locale,
    });
    expect(res.status).to.equal(201);
    await client.session();
    const user = (res.body as AuthResponse).user;
    return { client, id: user.id, handle: user.handle, email, cookie: sessionCookieFrom(res) };
  };
  const startThread = async (author: Person, body: string) => {
    const res = await author.client.send('post', '/api/v1/threads', {
      categoryId,
      kind: 'question',
      title: `¿Cómo publicar datos abiertos ${unique()}?`,
      body,
    });
    expect(res.status).to.equal(201);
    return (res.body as { thread: { id: string; title: string } }).thread;
  };
  const reply = async (author: Person, threadId: string, body: string) => {
    const res = await author.client.send('post', `/api/v1/threads/${threadId}/posts`, { body });
    expect(res.status).to.equal(201);
    return (res.body as { post: { id: string } }).post;
  };
  const list = async (p: Person) =>
    (await p.client.get('/api/v1/notifications').expect(200)).body as NotificationPage;

  it('e-mails a mention in the recipient language, with both parts, the exact link and unsubscribe headers', async () => {
    const [ana, bia] = [await person('es'), await person('pt')];
    const thread = await startThread(ana, `Hola @${bia.handle}, ¿nos ayudas?`);
    await app.mailWorker.runOnce();
    const [mail] = await smtp.waitFor((m) => m.to === bia.email && /mencionou/.test(m.parsed.subject ?? ''));
    expect(mail?.parsed.subject).to.match(/^Persona \w+ mencionou você em “¿Cómo publicar/);
    expect(mail?.parsed.text).to.contain('Ver a publicação');
    expect(mail?.parsed.html).to.contain('Ver a publicação');
    const [own] = (await list(bia)).items;
    expect(own?.kind).to.equal('mention');
    expect(own?.link).to.match(new RegExp(`^/t/${thread.id}#post-`));
    expect(mail?.parsed.text).to.contain(`${BASE}${own?.link}`);
    const unsubscribe = linkIn(mail?.parsed.text, `${BASE}/mail/unsubscribe/`);
    const header = (name: string) =>
      mail?.parsed.headerLines
        .find((line) => line.key === name)
        ?.line.replace(/\r?\n\s+/g, ' ')
        .replace(/^[^:]+:\s*/, '');
    expect(header('list-unsubscribe')).to.equal(`<${unsubscribe}>`);
    expect(header('list-unsubscribe-post')).to.equal('List-Unsubscribe=One-Click');

    // One click, without signing in, turns off e-mail for that kind only.
    const local = unsubscribe.replace(BASE, '');
    const anonymous = new ApiClient(app.url, undefined, 'pt-BR');
    const form = await anonymous.get(local).expect(200);
    expect(form.text).to.contain('<form method="post">').and.contain('menções');
    const done = await anonymous.agent
      .post(local)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(done.text).to.contain('menções');
    const prefs = (await bia.client.get('/api/v1/notifications/preferences').expect(200))
      .body as NotificationPreferencesDto;
    expect(prefs.kinds.mention).to.equal('in_app');
    expect(prefs.kinds.message).to.equal('email');
    const forged = local.replace(/\.mention\./, '.message.');
    expect(
      (await anonymous.agent.post(forged).type('form').send('List-Unsubscribe=One-Click')).status,
    ).to.equal(404);

    // The next mention still appears in the app but sends no e-mail.
    const before = smtp.received.length;
    await reply(ana, thread.id, `Otra vez, @${bia.handle}`);
    await app.mailWorker.runOnce();
    expect(smtp.received.slice(before).filter((m) => m.to === bia.email)).to.have.length(0);
    expect((await list(bia)).items[0]?.count).to.equal(2);
  });

  it('groups replies per thread, counts unread, and marks one or all read (only their own)', async () => {
    const [ana, bia, caro] = [await person('es'), await person('en'), await person('fr')];
    const thread = await startThread(ana, 'Una pregunta');
    await reply(bia, thread.id, 'Primera respuesta');
    await reply(caro, thread.id, 'Segunda respuesta');
    const page = await list(ana);
    expect(page.unread).to.equal(1);
    expect(page.items).to.have.length(1);
    expect(page.items[0]).to.include({ kind: 'reply_to_post', count: 2, title: thread.title });
    // Bia follows the thread since she replied: Caro's reply reaches her.
    expect((await list(bia)).items[0]).to.include({ kind: 'reply_in_followed', count: 1 });

    const id = page.items[0]?.id ?? '';
    expect((await caro.client.send('post', `/api/v1/notifications/${id}/read`)).status).to.equal(404);
    expect((await ana.client.send('post', '/api/v1/notifications/not-an-id/read')).status).to.equal(404);
    const read = await ana.client.send('post', `/api/v1/notifications/${id}/read`);
    expect(read.body).to.deep.equal({ unread: 0 });
    await reply(bia, thread.id, 'Tercera');
    expect((await list(ana)).unread).to.equal(1);
    expect((await ana.client.send('post', '/api/v1/notifications/read-all')).body).to.deep.equal({
      unread: 0,
    });
    expect((await list(ana)).items.map((n) => n.count)).to.deep.equal([1, 2]);
  });

  it('pages with a cursor and refuses visitors (401) and bad input (400)', async () => {
    const [ana, bia] = [await person('es'), await person('es')];
    for (let i = 0; i < 3; i += 1) await startThread(ana, `Hola @${bia.handle} ${i}`);
    const first = (await bia.client.get('/api/v1/notifications?limit=2').expect(200))
      .body as NotificationPage;
    expect(first.items).to.have.length(2);
    expect(first.nextCursor).to.be.a('string');
    const second = (
      await bia.client.get(`/api/v1/notifications?limit=2&cursor=${first.nextCursor ?? ''}`).expect(200)
    ).body as NotificationPage;
    expect(second.items).to.have.length(1);
    expect(second.nextCursor).to.equal(null);
    expect(new Set([...first.items, ...second.items].map((n) => n.id)).size).to.equal(3);

    const visitor = new ApiClient(app.url);
    expect((await visitor.get('/api/v1/notifications')).status).to.equal(401);
    expect((await visitor.send('post', '/api/v1/notifications/read-all')).status).to.equal(401);
    expect((await visitor.get('/api/v1/notifications/preferences')).status).to.equal(401);
    expect((await bia.client.get('/api/v1/notifications?limit=500')).status).to.equal(400);
    expect((await bia.client.get('/api/v1/notifications?cursor=zzz')).status).to.equal(400);
    const bad = await bia.client.send('put', '/api/v1/notifications/preferences', {
      kinds: { mention: 'loud' },
    });
    expect(bad.status).to.equal(400);
    const tz = await bia.client.send('put', '/api/v1/notifications/preferences', { timeZone: 'Mars/Base' });
    expect(tz.status).to.equal(400);
    const saved = await bia.client.send('put', '/api/v1/notifications/preferences', {
      kinds: { reply_in_followed: 'off' },
      digest: 'weekly',
      timeZone: 'America/Sao_Paulo',
    });
    expect(saved.body).to.deep.include({ digest: 'weekly', timeZone: 'America/Sao_Paulo' });
    expect((saved.body as NotificationPreferencesDto).kinds).to.include({
      reply_in_followed: 'off',
      mention: 'email',
    });
    // Nothing to change, for a member with saved preferences and for one with none yet: the preferences as they are.
    const unchanged = await bia.client.send('put', '/api/v1/notifications/preferences', {});
    expect(unchanged.status).to.equal(200);
    expect(unchanged.body).to.deep.equal(saved.body);
    const newcomer = await person('es');
    const defaults = (await newcomer.client.get('/api/v1/notifications/preferences').expect(200))
      .body as unknown;
    const empty = await newcomer.client.send('put', '/api/v1/notifications/preferences', {});
    expect(empty.status).to.equal(200);
    expect(empty.body).to.deep.equal(defaults);
  });

  it('delivers a mention live to the mentioned member’s other tab with the new badge count', async () => {
    const [ana, bia] = [await person('es'), await person('es')];
    const tabs: ClientSocket[] = [];
    try {
      for (let i = 0; i < 2; i += 1) tabs.push((await connectSocket(app.url, { cookie: bia.cookie })).socket);
      const received = tabs.map(
        (tab) =>
          new Promise<NotificationCreatedPayload>((resolve) => tab.once('notification:created', resolve)),
      );
      await startThread(ana, `@${bia.handle} mira esto`);
      const [one, two] = await Promise.all(received);
      expect(one?.notification.kind).to.equal('mention');
      expect(one?.unread).to.equal(1);
      expect(two?.unread).to.equal(1);
      const cleared = new Promise<{ unread: number }>((resolve) =>
        tabs[1]?.once('notification:read', resolve),
      );
      await bia.client.send('post', '/api/v1/notifications/read-all');
      expect(await cleared).to.deep.equal({ unread: 0 });
    } finally {
      for (const tab of tabs) tab.close();
    }
  });

  it('e-mails a message to an offline member only after the delay, and skips it when they read it first', async () => {
    const [ana, bia] = [await person('es'), await person('pt')];
    const started = await ana.client.send('post', '/api/v1/conversations', {
      memberIds: [bia.id],
      body: 'Hola',
    });
    expect(started.status).to.equal(201);
    const conversationId = (started.body as { conversation: { id: string } }).conversation.id;
    expect((await bia.client.send('post', `/api/v1/conversations/${conversationId}/accept`)).status).to.equal(
      200,
    );
    await app.mailWorker.runOnce();
    const [request] = await smtp.waitFor(
      (m) => m.to === bia.email && /quer conversar/.test(m.parsed.subject ?? ''),
    );
    expect(request?.parsed.text).to.contain(`${BASE}/messages/${conversationId}`);

    const send = async (body: string) => {
      const res = await ana.client.send('post', `/api/v1/conversations/${conversationId}/messages`, {
        body,
        clientId: crypto.randomUUID(),
      });
      expect(res.status).to.equal(201);
      return (res.body as { message: { seq: number } }).message.seq;
    };
    const due = () => app.db.execute(sql`update mail_outbox set send_after = now() where sent_at is null`);
    const fromAna = (m: { to: string; parsed: { subject?: string } }) =>
      m.to === bia.email && /^Nova mensagem de/.test(m.parsed.subject ?? '');

    await send('¿Viste el informe?');
    await app.mailWorker.runOnce();
    expect(smtp.received.filter(fromAna)).to.have.length(0);
    await due();
    await app.mailWorker.runOnce();
    const [mail] = await smtp.waitFor(fromAna);
    expect(mail?.parsed.text).to.contain(`${BASE}/messages/${conversationId}`);
    expect(mail?.parsed.html).to.contain('Abrir a conversa');

    const seq = await send('¿Y el anexo?');
    expect(
      (await bia.client.send('post', `/api/v1/conversations/${conversationId}/read`, { seq })).status,
    ).to.equal(204);
    await due();
    await app.mailWorker.runOnce();
    expect(smtp.received.filter(fromAna)).to.have.length(1);
    const { rows } = await app.pool.query<{ skipped: number }>(
      "select count(*)::int as skipped from mail_outbox where kind = 'message' and skipped_at is not null",
    );
    expect(rows[0]?.skipped).to.equal(1);
    const inApp = (await list(bia)).items.find((n) => n.link === `/messages/${conversationId}`);
    expect(inApp?.kind).to.be.oneOf(['message', 'message_request']);
  });
});
