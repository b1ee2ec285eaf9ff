import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { members } from '@server/db/schema';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { buildMember, setMemberStatus, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

describe('membership rules', () => {
  describe('with MEMBERSHIP=approval', () => {
    let app: TestApp;
    const adminEmail = `chief-${unique()}@example.org`;
    before(async function () {
      this.timeout(60_000);
      app = await startTestApp({ MEMBERSHIP: 'approval', ADMIN_EMAILS: adminEmail.toUpperCase() });
    });
    after(async () => {
      await app?.dispose();
    });

    it('makes a new account pending: it signs in and reads, but may not write', async () => {
      const client = new ApiClient(app.url, undefined, 'pt');
      const res = await client.send('post', '/api/v1/auth/register', {
        email: `applicant-${unique()}@example.org`,
        password: 'uma frase longa e segura',
        displayName: 'Ana Candidata',
      });
      expect(res.status).to.equal(201);
      expect(res.body.user).to.include({ status: 'pending', role: 'member' });
      const session = await client.session();
      expect(session).to.deep.include({ membership: 'approval' });
      expect(session.user?.status).to.equal('pending');
      expect((await client.get('/api/v1/categories')).status).to.equal(200);

      const write = await client.send('patch', '/api/v1/me', { displayName: 'Outro Nome' });
      expect(write.status).to.equal(403);
      expect(write.body.error).to.deep.equal({
        code: 'account_pending',
        message: 'Sua adesão aguarda aprovação. Você pode ler, mas ainda não pode publicar.',
      });
      const [row] = await app.db.select().from(members).where(eq(members.id, res.body.user.id));
      expect(row?.displayName).to.equal('Ana Candidata');

      // Choosing a language is a preference, not writing.
      expect((await client.send('patch', '/api/v1/me', { locale: 'es' })).status).to.equal(200);
    });

    it('keeps an account registered with an ADMIN_EMAILS address pending until its address is verified', async () => {
      const client = new ApiClient(app.url);
      const res = await client.send('post', '/api/v1/auth/register', {
        email: adminEmail,
        password: 'la primera administradora',
        displayName: 'Primera Admin',
      });
      expect(res.status).to.equal(201);
      // Typing the address proves nothing: admin-bootstrap.test.ts follows the link that does.
      expect(res.body.user).to.include({ role: 'member', status: 'pending' });
    });
  });

  describe('a suspended member', () => {
    it('can still sign in and read, to see why, but may not write', async () => {
      const app = await getTestApp();
      const member = await buildMember({ locale: 'fr' });
      await setMemberStatus(member.id, 'suspended');
      const client = new ApiClient(app.url);
      const signIn = await client.signIn(member.email, member.password);
      expect(signIn.status).to.equal(200);
      expect(signIn.body.user.status).to.equal('suspended');
      expect((await client.get('/api/v1/categories')).status).to.equal(200);
      const write = await client.send('patch', '/api/v1/me', { displayName: 'Nouveau Nom' });
      expect(write.status).to.equal(403);
      expect(write.body.error).to.deep.equal({
        code: 'account_suspended',
        message: 'Votre compte est suspendu. Vous pouvez lire, mais pas publier.',
      });
    });

    it('is refused from the moment the suspension lands, even mid-session', async () => {
      const app = await getTestApp();
      const member = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      expect((await client.send('patch', '/api/v1/me', { displayName: 'Antes' })).status).to.equal(200);
      await setMemberStatus(member.id, 'suspended');
      expect((await client.send('patch', '/api/v1/me', { displayName: 'Después' })).status).to.equal(403);
    });
  });
});
