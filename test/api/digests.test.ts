import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { linkIn, startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp';
import { quietDatabase, unique } from '../helpers/factories';
import { createCategoryService } from '@server/forum/category.service';
import { updateProfileRow } from '@server/directory/profile.queries';
import { createDigestService } from '@server/notifications/digest.service';
import { createDigestScheduler } from '@server/notifications/digest.scheduler';
import { createForumDigest } from '@server/forum/digest.service';
import { createMemberThemes } from '@server/directory/themes';
import { createMemberService } from '@server/members/member.service';
import { createMailService } from '@server/mail/mail.service';
import { createLogger } from '@server/logger';
import { parseConfig } from '@server/config';
import { startAgora } from '@server/server';
import type { AuthResponse } from '@shared/api/auth';
import type { NotificationPreferencesDto, UpdatePreferencesRequest } from '@shared/api/notifications';
import type { Theme } from '@shared/constants';

const BASE = 'http://agora.test';
const PASSWORD = 'una clave larga y rara';

interface Person {
  client: ApiClient;
  id: string;
  email: string;
  name: string;
}

/**
 * The digest scheduler runs at instants the tests choose (its clock is injected), in 2030, and the
 * content each test writes is stamped with the instant it is meant to have been written at.
 */
describe('digests: once per member per period, at their local morning, in their language', function () {
  let app: TestApp;
  let smtp: TestSmtp;
  const categories: Partial<Record<Theme, string>> = {};

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp(
      { SMTP_URL: smtp.url, BASE_URL: BASE, REQUIRE_EMAIL_VERIFICATION: 'false' },
      { outbox: { autoStart: false }, digests: { autoStart: false } },
    );
    const service = createCategoryService(app.db);
    for (const slug of ['open-government', 'citizen-participation'] as const) {
      categories[slug] = await service.create({
        slug,
        position: 1,
        defaultLocale: 'es',
        readAccess: 'public',
        translations: [
          { locale: 'es', name: `Categoría ${slug}`, description: 'd' },
          { locale: 'pt', name: `Categoria ${slug}`, description: 'd' },
          { locale: 'en', name: `Category ${slug}`, description: 'd' },
          { locale: 'fr', name: `Catégorie ${slug}`, description: 'd' },
        ],
      });
    }
  });
  after(async () => {
    await app.dispose();
    await smtp.close();
  });

  const person = async (
    locale: string,
    prefs: UpdatePreferencesRequest = {},
    themes: Theme[] = [],
  ): Promise<Person> => {
    const client = new ApiClient(app.url);
    const email = `d-${unique()}@example.org`;
    const name = `Persona ${unique()}`;
    const res = await client.send('post', '/api/v1/auth/register', {
      email,
      password: PASSWORD,
      displayName: name,
      locale,
    });
    expect(res.status).to.equal(201);
    await client.session();
    const id = (res.body as AuthResponse).user.id;
    if (Object.keys(prefs).length) {
      expect((await client.send('put', '/api/v1/notifications/preferences', prefs)).status).to.equal(200);
    }
    if (themes.length) await updateProfileRow(app.db, id, { themes });
    return { client, id, email, name };
  };
  const thread = async (
    author: Person,
    input: { theme?: Theme; categoryId?: string; kind?: 'question' | 'discussion'; tags?: string[] },
  ) => {
    const title = `${input.kind === 'discussion' ? 'Debate' : 'Pregunta'} ${unique()} sobre datos`;
    const res = await author.client.send('post', '/api/v1/threads', {
      categoryId: input.categoryId ?? categories[input.theme ?? 'open-government'],
      kind: input.kind ?? 'question',
      title,
      body: 'Cuerpo del mensaje',
      tags: input.tags ?? [],
    });
    expect(res.status).to.equal(201);
    return { id: (res.body as { thread: { id: string } }).thread.id, title };
  };
  const reply = async (author: Person, threadId: string) => {
    const res = await author.client.send('post', `/api/v1/threads/${threadId}/posts`, {
      body: `Respuesta ${unique()}`,
    });
    expect(res.status).to.equal(201);
    return (res.body as { post: { id: string } }).post.id;
  };
  /** Marks what was written since `marker` as written at `at`. */
  const stamp = async (marker: Date, at: string) => {
    await app.db
      .execute(sql`update threads set created_at = ${at}::timestamptz, last_post_at = ${at}::timestamptz
      where created_at >= ${marker.toISOString()}::timestamptz`);
    await app.db.execute(
      sql`update posts set created_at = ${at}::timestamptz where created_at >= ${marker.toISOString()}::timestamptz`,
    );
    await app.db
      .execute(sql`update notifications set updated_at = ${at}::timestamptz, created_at = ${at}::timestamptz
      where updated_at >= ${marker.toISOString()}::timestamptz`);
  };
  const dbNow = async () => {
    const { rows } = await app.pool.query<{ now: Date }>('select now() as now');
    return rows[0]?.now ?? new Date();
  };
  /** Runs the scheduler at `at`, sends what it wrote, and returns the digests each person received. */
  const runAt = async (at: string) => {
    const before = smtp.received.length;
    await app.digestScheduler.runOnce(new Date(at));
    await app.mailWorker.runOnce();
    return smtp.received.slice(before);
  };
  const digestsTo = (mails: ReceivedMail[], p: Person) =>
    mails.filter((m) => m.to === p.email && /(résumé|resumen|resumo|digest)/i.test(m.parsed.subject ?? ''));
  const unsubscribeHeader = (mail: ReceivedMail | undefined) =>
    mail?.parsed.headerLines
      .find((line) => line.key === 'list-unsubscribe')
      ?.line.replace(/\r?\n\s+/g, ' ')
      .replace(/^[^:]+:\s*/, '');

  it('sends daily digests at 08:00 in each member’s time zone, in their language, with the three sections', async () => {
    const marker = await dbNow();
    const ana = await person('es', { digest: 'daily', timeZone: 'America/Mexico_City' }, ['open-government']);
    const brigitte = await person('fr', { digest: 'daily', timeZone: 'Europe/Paris' }, ['open-government']);
    const carla = await person('en');
    const discussion = await thread(ana, { kind: 'discussion' });
    expect((await brigitte.client.send('put', `/api/v1/threads/${discussion.id}/follow`)).status).to.be.oneOf(
      [200, 204],
    );
    await reply(carla, discussion.id);
    await reply(carla, discussion.id);
    const question = await thread(carla, { kind: 'question' });
    // Written on Sunday evening, UTC.
    await stamp(marker, '2030-01-06T20:00:00Z');

    // Monday 2030-01-07: 07:59 in Paris is too early; 08:00 sends Brigitte's, not Ana's (01:00 in Mexico).
    expect(digestsTo(await runAt('2030-01-07T06:59:00Z'), brigitte)).to.have.length(0);
    const paris = await runAt('2030-01-07T07:00:00Z');
    expect(digestsTo(paris, ana)).to.have.length(0);
    const [fr] = digestsTo(paris, brigitte);
    expect(fr?.parsed.subject).to.equal('Votre résumé quotidien Ágora');
    expect(fr?.parsed.text).to.contain(`Bonjour ${brigitte.name}`);
    expect(fr?.parsed.text).to.contain('Pour vous');
    expect(fr?.parsed.text).to.contain('2 nouvelles réponses');
    expect(fr?.parsed.text).to.contain('Questions de vos thèmes en attente de réponse');
    expect(fr?.parsed.text).to.contain('Pas encore de réponse · Catégorie open-government');
    expect(fr?.parsed.text).to.contain(`${BASE}/t/${discussion.id}`);
    expect(fr?.parsed.text).to.contain(`${BASE}/t/${question.id}`);
    expect(String(fr?.parsed.html)).to.contain(`<a href="${BASE}/t/${question.id}">${question.title}</a>`);
    expect(String(fr?.parsed.html)).to.contain('<html lang="fr">');

    expect(digestsTo(await runAt('2030-01-07T13:59:00Z'), ana)).to.have.length(0);
    const [es] = digestsTo(await runAt('2030-01-07T14:00:00Z'), ana);
    expect(es?.parsed.subject).to.equal('Tu resumen diario de Ágora');
    expect(es?.parsed.text).to.contain('Lo más activo en tus hilos y temas');
    expect(es?.parsed.text).to.contain(`${discussion.title} (2 mensajes nuevos): ${BASE}/t/${discussion.id}`);
    expect(es?.parsed.text).to.contain('Preguntas de tus temas que esperan respuesta');
    expect(es?.parsed.text).to.contain(question.title);
    // Ana's own reply notifications stay in the app (her choice for that kind is not the digest).
    expect(es?.parsed.text).not.to.contain('Para ti');
    const unsubscribe = linkIn(es?.parsed.text, `${BASE}/mail/unsubscribe/`);
    expect(unsubscribeHeader(es)).to.equal(`<${unsubscribe}>`);

    // Later the same day nothing is sent again.
    expect(digestsTo(await runAt('2030-01-07T22:00:00Z'), ana)).to.have.length(0);
  });

  it('sends weekly digests on Monday morning only, covering the week', async () => {
    const marker = await dbNow();
    const bia = await person('pt', { digest: 'weekly', timeZone: 'America/Sao_Paulo' }, [
      'citizen-participation',
    ]);
    const author = await person('en');
    const question = await thread(author, { theme: 'citizen-participation' });
    await stamp(marker, '2030-01-10T15:00:00Z');

    // Sunday morning in São Paulo, then Monday 07:59: nothing; Monday 08:00 (11:00 UTC): the digest.
    expect(digestsTo(await runAt('2030-01-13T12:00:00Z'), bia)).to.have.length(0);
    expect(digestsTo(await runAt('2030-01-14T10:59:00Z'), bia)).to.have.length(0);
    const [pt] = digestsTo(await runAt('2030-01-14T11:00:00Z'), bia);
    expect(pt?.parsed.subject).to.equal('Seu resumo semanal da Ágora');
    expect(pt?.parsed.text).to.contain('Perguntas dos seus temas esperando resposta');
    expect(pt?.parsed.text).to.contain(
      `${question.title} (Ainda sem respostas · Categoria citizen-participation)`,
    );
    // Tuesday: daily members get theirs, weekly ones do not.
    expect(digestsTo(await runAt('2030-01-15T11:00:00Z'), bia)).to.have.length(0);
  });

  it('shows only what the member may read now: nothing hidden, deleted or in a category closed to them', async () => {
    const marker = await dbNow();
    const dora = await person('en', { timeZone: 'Europe/London' }, ['citizen-participation']);
    const author = await person('es');
    const visible = await thread(author, { theme: 'citizen-participation' });
    const hidden = await thread(author, { theme: 'citizen-participation' });
    const deleted = await thread(author, { theme: 'citizen-participation' });
    const staffOnly = await thread(author, { theme: 'open-government', tags: ['citizen-participation'] });
    const tagged = await thread(author, { theme: 'open-government', tags: ['citizen-participation'] });
    const followed = await thread(author, { kind: 'discussion', theme: 'open-government' });
    await dora.client.send('put', `/api/v1/threads/${followed.id}/follow`);
    const hiddenReply = await reply(author, followed.id);

    const moderatorsOnly = await createCategoryService(app.db).create({
      slug: `staff-${unique()}`,
      position: 9,
      defaultLocale: 'es',
      readAccess: 'moderators',
      translations: [
        { locale: 'es', name: 'Equipo', description: 'd' },
        { locale: 'pt', name: 'Equipe', description: 'd' },
        { locale: 'en', name: 'Staff', description: 'd' },
        { locale: 'fr', name: 'Équipe', description: 'd' },
      ],
    });
    await app.db.execute(sql`update threads set category_id = ${moderatorsOnly} where id = ${staffOnly.id}`);
    await app.db.execute(
      sql`update threads set hidden_at = now(), hidden_reason = 'moderator' where id = ${hidden.id}`,
    );
    await app.db.execute(sql`update threads set deleted_at = now() where id = ${deleted.id}`);
    await app.db.execute(
      sql`update posts set hidden_at = now(), hidden_reason = 'flags' where id = ${hiddenReply}`,
    );
    await stamp(marker, '2030-01-20T20:00:00Z');
    // The followed thread was opened long before; its only new reply is hidden.
    await app.db.execute(
      sql`update posts set created_at = '2030-01-01T00:00:00Z' where thread_id = ${followed.id} and seq = 1`,
    );

    const [mail] = digestsTo(await runAt('2030-01-21T08:00:00Z'), dora);
    const text = mail?.parsed.text ?? '';
    expect(mail?.parsed.subject).to.equal('Your daily Ágora digest');
    expect(text).to.contain(visible.title);
    // A members' category thread tagged with the member's theme counts as in that theme.
    expect(text).to.contain(tagged.title);
    for (const gone of [hidden, deleted, staffOnly, followed]) expect(text).not.to.contain(gone.title);
    expect(text).not.to.contain('For you');
  });

  it('writes a period’s digest once: two schedulers racing, then a restarted one', async () => {
    const marker = await dbNow();
    const eva = await person('es', { timeZone: 'America/Bogota' }, ['open-government']);
    const author = await person('pt');
    await thread(author, {});
    await stamp(marker, '2030-02-03T20:00:00Z');

    const another = () =>
      createDigestScheduler(
        createDigestService({
          db: quietDatabase(app.db),
          members: createMemberService(app.db),
          forum: createForumDigest(app.db),
          themes: createMemberThemes(app.db),
          mail: createMailService(),
          logger: createLogger('silent'),
        }),
        createLogger('silent'),
        { pollMs: 60_000, now: () => new Date('2030-02-04T13:30:00Z') },
      );
    const at = new Date('2030-02-04T13:00:00Z');
    await Promise.all([app.digestScheduler.runOnce(at), another().runOnce(at)]);
    // After a restart, later that morning.
    await another().runOnce();
    await app.mailWorker.runOnce();
    expect(digestsTo(smtp.received, eva)).to.have.length(1);
    const { rows } = await app.pool.query<{ n: number; outbox: number }>(
      `select count(*)::int as n, count(outbox_id)::int as outbox from digest_deliveries where member_id = $1`,
      [eva.id],
    );
    expect(rows[0]).to.deep.equal({ n: 1, outbox: 1 });
  });

  it('with two servers on one PostgreSQL database, writes and sends each digest once', async function () {
    // Two processes need a database server; the embedded database belongs to one process.
    if (!app.config.databaseUrl) this.skip();
    const marker = await dbNow();
    const hugo = await person('en', { timeZone: 'America/Argentina/Buenos_Aires' }, ['open-government']);
    const author = await person('es');
    await thread(author, {});
    await stamp(marker, '2030-02-10T20:00:00Z');
    const second = await startAgora(
      parseConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: app.config.dataDir,
        DATABASE_URL: app.config.databaseUrl,
        SMTP_URL: smtp.url,
        BASE_URL: BASE,
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
      }),
      createLogger('silent'),
      { outbox: { autoStart: false }, digests: { autoStart: false } },
    );
    try {
      // 08:00 in Buenos Aires (UTC−3), on both servers at once.
      const at = new Date('2030-02-11T11:00:00Z');
      await Promise.all([app.digestScheduler.runOnce(at), second.digestScheduler.runOnce(at)]);
      await Promise.all([app.mailWorker.runOnce(), second.mailWorker.runOnce()]);
    } finally {
      await second.stop();
    }
    const [mail, ...more] = digestsTo(smtp.received, hugo);
    expect(more).to.have.length(0);
    expect(mail?.parsed.subject).to.equal('Your daily Ágora digest');
  });

  it('skips an empty digest: no e-mail, and the period is not examined again', async () => {
    const quiet = await person('fr', { timeZone: 'Europe/Paris' });
    expect(digestsTo(await runAt('2030-03-04T08:00:00Z'), quiet)).to.have.length(0);
    const { rows } = await app.pool.query<{ item_count: number; outbox_id: string | null }>(
      `select item_count, outbox_id from digest_deliveries where member_id = $1`,
      [quiet.id],
    );
    expect(rows).to.deep.equal([{ item_count: 0, outbox_id: null }]);
    // The member's data export lists the digests written for them.
    const exported = (await quiet.client.get('/api/v1/me/export').expect(200)).body as {
      data: { notifications: { digests: { period: string; frequency: string; itemCount: number }[] } };
    };
    expect(exported.data.notifications.digests).to.deep.equal([
      {
        period: '2030-03-04',
        frequency: 'daily',
        since: '2030-03-03T08:00:00.000Z',
        until: '2030-03-04T08:00:00.000Z',
        itemCount: 0,
      },
    ]);
  });

  it('unsubscribes from the digest only, with one click, in the member’s language', async () => {
    const marker = await dbNow();
    const gabi = await person('pt', { timeZone: 'America/Sao_Paulo' }, ['open-government']);
    const author = await person('es');
    await thread(author, {});
    await stamp(marker, '2030-04-01T20:00:00Z');
    const [mail] = digestsTo(await runAt('2030-04-02T11:00:00Z'), gabi);
    const link = linkIn(mail?.parsed.text, `${BASE}/mail/unsubscribe/`);
    expect(mail?.parsed.text).to.contain('Parar de receber por e-mail: o resumo');
    const local = link.replace(BASE, '');
    const visitor = new ApiClient(app.url);
    const form = await visitor.get(local).expect(200);
    expect(form.text).to.contain('Parar de receber o resumo por e-mail?').and.contain('<form method="post">');
    const done = await visitor.agent.post(local).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(done.text).to.contain('você não receberá mais o resumo');

    const prefs = (await gabi.client.get('/api/v1/notifications/preferences').expect(200))
      .body as NotificationPreferencesDto;
    expect(prefs.digest).to.equal('off');
    expect(prefs.kinds).to.include({ mention: 'email', reply_in_followed: 'digest', message: 'email' });

    const marker2 = await dbNow();
    await thread(author, {});
    await stamp(marker2, '2030-04-02T20:00:00Z');
    expect(digestsTo(await runAt('2030-04-03T11:00:00Z'), gabi)).to.have.length(0);
    // A notification kind's link is not a digest link.
    const forged = local.replace('.digest.', '.mention.');
    expect((await visitor.agent.post(forged).type('form').send('')).status).to.equal(404);
  });
});
