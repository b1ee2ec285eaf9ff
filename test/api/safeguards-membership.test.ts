import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { members, notifications } from '@server/db/schema';
import type { ApplicationListResponse } from '@shared/api/safeguards';
import type { AuthResponse } from '@shared/api/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { text } from '../helpers/copy';
import { auditEntries, personOn, type Person } from '../helpers/safeguards';
import { buildCategory } from '../helpers/factories';

describe('safeguards: membership approval', function () {
  this.timeout(60_000);
  let app: TestApp;
  let smtp: TestSmtp;
  let moderator: Person;
  let scoped: Person;
  let member: Person;

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp({
      MEMBERSHIP: 'approval',
      SMTP_URL: smtp.url,
      BASE_URL: 'http://agora.test',
      REQUIRE_EMAIL_VERIFICATION: 'false',
    });
    const category = await buildCategory({}, app);
    moderator = await personOn(app, { role: 'moderator' });
    scoped = await personOn(app, { role: 'moderator', scopes: [category.id] });
    member = await personOn(app);
  });
  after(async () => {
    await app.dispose();
    await smtp.close();
  });

  const apply = async (locale: 'es' | 'pt' | 'en' | 'fr', note?: string) => {
    const client = new ApiClient(app.url, undefined, locale);
    const email = `applicant-${unique()}@example.org`;
    const res = await client.send('post', '/api/v1/auth/register', {
      email,
      password: 'una frase larga y segura',
      displayName: `Solicitante ${unique()}`,
      locale,
      ...(note && { applicationNote: note }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await client.session();
    return { client, email, user: (res.body as AuthResponse).user };
  };
  const listed = async (client: ApiClient) => {
    const res = await client.get('/api/v1/moderation/applications');
    expect(res.status).to.equal(200);
    return (res.body as ApplicationListResponse).items;
  };

  it('lists pending applicants with their profile and why they want to join, for global moderators only', async () => {
    const { user } = await apply('es', 'Trabajo en la alcaldía y quiero aprender de otros gobiernos.');
    const items = await listed(moderator.client);
    const mine = items.find((i) => i.id === user.id);
    expect(mine).to.include({
      note: 'Trabajo en la alcaldía y quiero aprender de otros gobiernos.',
      locale: 'es',
      handle: user.handle,
    });
    expect(mine).to.have.keys([
      'id',
      'handle',
      'displayName',
      'email',
      'locale',
      'country',
      'sector',
      'organization',
      'headline',
      'note',
      'createdAt',
    ]);
    expect((await scoped.client.get('/api/v1/moderation/applications')).status).to.equal(403);
    expect((await member.client.get('/api/v1/moderation/applications')).status).to.equal(403);
    expect((await new ApiClient(app.url).get('/api/v1/moderation/applications')).status).to.equal(401);
    const bad = await moderator.client.get('/api/v1/moderation/applications?cursor=nonsense');
    expect(bad.status).to.equal(400);
  });

  it('approves: the member becomes active, is told in the app and by e-mail in their language, audited', async () => {
    const applicant = await apply('pt', 'Sou da controladoria do estado.');
    const write = await applicant.client.send('patch', '/api/v1/me', { displayName: 'Nome Novo' });
    expect(write.status).to.equal(403);
    expect(write.body.error.code).to.equal('account_pending');
    expect(
      (await scoped.client.send('post', `/api/v1/moderation/applications/${applicant.user.id}/approve`))
        .status,
    ).to.equal(403);
    const res = await moderator.client.send(
      'post',
      `/api/v1/moderation/applications/${applicant.user.id}/approve`,
    );
    expect(res.status).to.equal(200);
    const [row] = await app.db.select().from(members).where(eq(members.id, applicant.user.id));
    expect(row?.status).to.equal('active');
    const told = await app.db
      .select()
      .from(notifications)
      .where(eq(notifications.memberId, applicant.user.id));
    expect(told.map((n) => n.kind)).to.deep.equal(['membership_approved']);
    const [mail] = await smtp.waitFor(
      (m) =>
        m.to === applicant.email &&
        m.parsed.subject === text('pt', 'mail:notify.membership_approved.subject'),
    );
    expect(mail?.parsed.subject).to.equal(text('pt', 'mail:notify.membership_approved.subject'));
    expect(mail?.parsed.text).to.contain(text('pt', 'mail:notify.membership_approved.body'));
    expect(await auditEntries(app, 'member.approve', applicant.user.id)).to.deep.equal([
      { actor_id: moderator.id, reason: null },
    ]);
    const after = await applicant.client.send('patch', '/api/v1/me', { displayName: 'Nome Novo' });
    expect(after.status, JSON.stringify(after.body)).to.equal(200);
    expect((await listed(moderator.client)).map((i) => i.id)).not.to.include(applicant.user.id);
    const again = await moderator.client.send(
      'post',
      `/api/v1/moderation/applications/${applicant.user.id}/approve`,
    );
    expect(again.status).to.equal(404);
  });

  it('declines with a reason: e-mailed in their language, the account stays unable to write, audited', async () => {
    const applicant = await apply('fr');
    const missing = await moderator.client.send(
      'post',
      `/api/v1/moderation/applications/${applicant.user.id}/decline`,
      {},
    );
    expect(missing.status).to.equal(400);
    const res = await moderator.client.send(
      'post',
      `/api/v1/moderation/applications/${applicant.user.id}/decline`,
      { reason: 'Profil incomplet' },
    );
    expect(res.status).to.equal(200);
    const [mail] = await smtp.waitFor(
      (m) => m.to === applicant.email && m.parsed.subject === text('fr', 'mail:membership_declined.subject'),
    );
    expect(mail?.parsed.subject).to.equal(text('fr', 'mail:membership_declined.subject'));
    expect(mail?.parsed.text).to.contain(
      text('fr', 'mail:membership_declined.body', { reason: 'Profil incomplet' }),
    );
    const [row] = await app.db.select().from(members).where(eq(members.id, applicant.user.id));
    expect(row?.status).to.equal('pending');
    expect(row?.applicationDeclinedAt).to.not.equal(null);
    const write = await applicant.client.send('patch', '/api/v1/me', { displayName: 'Autre Nom' });
    expect(write.status).to.equal(403);
    expect(write.body.error.code).to.equal('account_pending');
    expect((await listed(moderator.client)).map((i) => i.id)).not.to.include(applicant.user.id);
    expect(await auditEntries(app, 'member.decline', applicant.user.id)).to.deep.equal([
      { actor_id: moderator.id, reason: 'Profil incomplet' },
    ]);
  });

  it('keeps the note only while membership needs approval', async () => {
    const open = await startTestApp({ MEMBERSHIP: 'open' });
    try {
      const client = new ApiClient(open.url);
      const res = await client.send('post', '/api/v1/auth/register', {
        email: `open-${unique()}@example.org`,
        password: 'una frase larga y segura',
        displayName: 'Miembro Directo',
        applicationNote: 'No hace falta',
      });
      expect(res.status).to.equal(201);
      const [row] = await open.db
        .select()
        .from(members)
        .where(eq(members.id, (res.body as AuthResponse).user.id));
      expect(row?.applicationNote).to.equal(null);
    } finally {
      await open.dispose();
    }
  });
});
