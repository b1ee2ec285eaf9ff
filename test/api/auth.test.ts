import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { members } from '@server/db/schema';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

describe('accounts and sessions', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  const newEmail = () => `new-${unique()}@example.org`;
  const countMembersWithEmail = async (email: string) =>
    (await app.db.select().from(members).where(eq(members.email, email))).length;

  describe('GET /session', () => {
    it('answers a visitor with no user, a CSRF token, the negotiated language, and writes no session row', async () => {
      const client = new ApiClient(app.url, undefined, 'pt-BR,pt;q=0.9');
      const before = await app.pool.query('select count(*)::int as n from session');
      const session = await client.session();
      expect(session).to.include({ user: null, locale: 'pt', membership: 'open' });
      expect(session.csrfToken).to.be.a('string').with.length.greaterThan(20);
      expect(session.oidcProviders).to.deep.equal([]);
      const after = await app.pool.query('select count(*)::int as n from session');
      expect(after.rows[0].n).to.equal(before.rows[0].n);
    });
  });

  describe('POST /auth/register', () => {
    it('creates an active member, signs them in and keeps their language', async () => {
      const client = new ApiClient(app.url, undefined, 'fr-FR');
      const email = newEmail();
      const res = await client
        .send('post', '/api/v1/auth/register', {
          email: email.toUpperCase(),
          password: 'une phrase de passe sûre',
          displayName: 'Sophie Tremblay',
        })
        .then((r) => r);
      expect(res.status).to.equal(201);
      expect(res.body.user).to.include({
        displayName: 'Sophie Tremblay',
        role: 'member',
        status: 'active',
        locale: 'fr',
      });
      expect(res.body.user.handle).to.match(/^sophie_tremblay/);
      expect(res.body.user).not.to.have.property('email');
      const session = await client.session();
      expect(session.user?.id).to.equal(res.body.user.id);
      const [row] = await app.db.select().from(members).where(eq(members.email, email));
      expect(row?.passwordHash).to.match(/^\$argon2id\$/);
    });

    it('gives each field its localized problem and creates nothing', async () => {
      const client = new ApiClient(app.url, undefined, 'es');
      const res = await client.send('post', '/api/v1/auth/register', {
        email: 'not-an-email',
        password: 'short',
        displayName: 'X',
      });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
      expect(res.body.error.message).to.equal('Algunos campos necesitan tu atención.');
      expect(res.body.error.fields.email).to.deep.include({ code: 'invalid_email' });
      expect(res.body.error.fields.password).to.deep.equal({
        code: 'too_short',
        message: 'Usa al menos 10 caracteres.',
      });
      expect(res.body.error.fields.displayName.code).to.equal('too_short');
      expect(await countMembersWithEmail('not-an-email')).to.equal(0);
    });

    it('answers in the language asked for', async () => {
      for (const [lang, message] of [
        ['en', 'Use at least 10 characters.'],
        ['pt', 'Use pelo menos 10 caracteres.'],
        ['fr', 'Utilisez au moins 10 caractères.'],
      ] as const) {
        const client = new ApiClient(app.url, undefined, lang);
        const res = await client.send('post', '/api/v1/auth/register', {
          email: newEmail(),
          password: 'short',
          displayName: 'Someone',
        });
        expect(res.body.error.fields.password.message, lang).to.equal(message);
      }
    });

    it('refuses a common password and one built on the e-mail name', async () => {
      const client = new ApiClient(app.url, undefined, 'en');
      const email = newEmail();
      const common = await client.send('post', '/api/v1/auth/register', {
        email,
        password: 'qwertyuiop',
        displayName: 'Someone',
      });
      expect(common.status).to.equal(400);
      expect(common.body.error.fields.password.code).to.equal('password_common');
      const own = await client.send('post', '/api/v1/auth/register', {
        email,
        password: `${email.split('@')[0]}!!`,
        displayName: 'Someone',
      });
      expect(own.body.error.fields.password.code).to.equal('password_contains_email');
      expect(await countMembersWithEmail(email)).to.equal(0);
    });

    it('refuses an e-mail that already has an account with 409', async () => {
      const existing = await buildMember();
      const client = new ApiClient(app.url, undefined, 'en');
      const res = await client.send('post', '/api/v1/auth/register', {
        email: existing.email,
        password: 'another long passphrase',
        displayName: 'Someone Else',
      });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('email_taken');
      expect(res.body.error.fields.email.code).to.equal('email_taken');
      expect(await countMembersWithEmail(existing.email)).to.equal(1);
    });

    it('refuses unknown fields, wrong types and malformed JSON with 400', async () => {
      const client = new ApiClient(app.url);
      const extra = await client.send('post', '/api/v1/auth/register', {
        email: newEmail(),
        password: 'a long passphrase here',
        displayName: 'Someone',
        role: 'admin',
      });
      expect(extra.status).to.equal(400);
      expect(extra.body.error.fields.role.code).to.equal('unknown_field');
      const wrongType = await client.send('post', '/api/v1/auth/register', {
        email: 42,
        password: [],
        displayName: {},
      });
      expect(wrongType.status).to.equal(400);
      expect(Object.keys(wrongType.body.error.fields)).to.have.members(['email', 'password', 'displayName']);
      await client.session();
      const malformed = await client.agent
        .post('/api/v1/auth/register')
        .set('X-CSRF-Token', client.csrfToken ?? '')
        .set('X-Forwarded-For', client.ip)
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expect(malformed.status).to.equal(400);
      expect(malformed.body.error.code).to.equal('validation_failed');
    });

    it('refuses a body over the size limit with 413', async () => {
      const client = new ApiClient(app.url, undefined, 'fr');
      const res = await client.send('post', '/api/v1/auth/register', {
        email: newEmail(),
        password: 'x'.repeat(100_000),
        displayName: 'Someone',
      });
      expect(res.status).to.equal(413);
      expect(res.body.error).to.deep.equal({
        code: 'payload_too_large',
        message: 'Ce que vous avez envoyé est trop volumineux.',
      });
    });
  });

  describe('POST /auth/login', () => {
    it('signs in, regenerating the session id and rotating the CSRF token', async () => {
      const member = await buildMember({ locale: 'pt' });
      const client = new ApiClient(app.url);
      const before = await client.session();
      const res = await client.send('post', '/api/v1/auth/login', {
        email: member.email,
        password: member.password,
      });
      expect(res.status).to.equal(200);
      expect(res.body.user).to.include({ id: member.id, locale: 'pt' });
      const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(
        setCookies.some((c) => c.startsWith('agora.sid=') && /HttpOnly/i.test(c) && /SameSite=Lax/i.test(c)),
      ).to.equal(true);
      const after = await client.session();
      expect(after.user?.id).to.equal(member.id);
      expect(after.locale).to.equal('pt');
      expect(after.csrfToken).not.to.equal(before.csrfToken);
      const stale = await client.agent
        .patch('/api/v1/me')
        .set('X-Forwarded-For', client.ip)
        .set('X-CSRF-Token', before.csrfToken)
        .send({ locale: 'es' });
      expect(stale.status).to.equal(403);
    });

    it('does not keep a session id fixed before sign-in', async () => {
      const member = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      const firstSid = await app.pool.query('select sid from session where member_id = $1', [member.id]);
      await client.signIn(member.email, member.password);
      const secondSid = await app.pool.query('select sid from session where member_id = $1', [member.id]);
      expect(secondSid.rows.map((r) => r.sid)).not.to.include(firstSid.rows[0]?.sid);
    });

    it('answers an unknown e-mail exactly like a wrong password', async () => {
      const member = await buildMember();
      const client = new ApiClient(app.url, undefined, 'es');
      const wrong = await client.send('post', '/api/v1/auth/login', {
        email: member.email,
        password: 'not the password',
      });
      const unknown = await client.send('post', '/api/v1/auth/login', {
        email: `nobody-${unique()}@example.org`,
        password: 'not the password',
      });
      expect(wrong.status).to.equal(401);
      expect(unknown.status).to.equal(401);
      expect(unknown.body).to.deep.equal(wrong.body);
      expect(wrong.body.error).to.deep.equal({
        code: 'invalid_credentials',
        message: 'El correo electrónico o la contraseña no son correctos.',
      });
      expect((await client.session()).user).to.equal(null);
    });

    it('refuses a malformed sign-in with 400', async () => {
      const client = new ApiClient(app.url);
      const res = await client.send('post', '/api/v1/auth/login', { email: 'nope' });
      expect(res.status).to.equal(400);
      expect(res.body.error.fields).to.have.keys(['email', 'password']);
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session and its row', async () => {
      const member = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      const rows = await app.pool.query('select count(*)::int as n from session where member_id = $1', [
        member.id,
      ]);
      expect(rows.rows[0].n).to.equal(1);
      const res = await client.send('post', '/api/v1/auth/logout');
      expect(res.status).to.equal(204);
      expect((await client.session()).user).to.equal(null);
      const after = await app.pool.query('select count(*)::int as n from session where member_id = $1', [
        member.id,
      ]);
      expect(after.rows[0].n).to.equal(0);
    });

    it('is harmless for a visitor', async () => {
      const client = new ApiClient(app.url);
      expect((await client.send('post', '/api/v1/auth/logout')).status).to.equal(204);
    });
  });

  describe('PUT /session/locale', () => {
    it('remembers a visitor’s language in a cookie', async () => {
      const client = new ApiClient(app.url, undefined, 'es');
      const res = await client.send('put', '/api/v1/session/locale', { locale: 'fr' });
      expect(res.status).to.equal(200);
      expect((await client.session()).locale).to.equal('fr');
    });

    it('saves a member’s language on their account', async () => {
      const member = await buildMember({ locale: 'es' });
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      await client.send('put', '/api/v1/session/locale', { locale: 'en' });
      const [row] = await app.db.select().from(members).where(eq(members.id, member.id));
      expect(row?.locale).to.equal('en');
    });

    it('refuses a language the product does not speak', async () => {
      const client = new ApiClient(app.url, undefined, 'en');
      const res = await client.send('put', '/api/v1/session/locale', { locale: 'de' });
      expect(res.status).to.equal(400);
      expect(res.body.error.fields.locale.code).to.equal('invalid_value');
      expect((await client.session()).locale).to.equal('en');
    });
  });

  describe('PATCH /me', () => {
    it('refuses a visitor with 401', async () => {
      const client = new ApiClient(app.url, undefined, 'en');
      const res = await client.send('patch', '/api/v1/me', { displayName: 'Who Knows' });
      expect(res.status).to.equal(401);
      expect(res.body.error).to.deep.equal({
        code: 'unauthenticated',
        message: 'Please sign in to continue.',
      });
    });

    it('changes the display name of the signed-in member only', async () => {
      const member = await buildMember();
      const other = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      const res = await client.send('patch', '/api/v1/me', { displayName: 'Nuevo Nombre' });
      expect(res.status).to.equal(200);
      expect(res.body.user.displayName).to.equal('Nuevo Nombre');
      const [otherRow] = await app.db.select().from(members).where(eq(members.id, other.id));
      expect(otherRow?.displayName).to.equal(other.displayName);
    });

    it('refuses an empty or invalid change and changes nothing', async () => {
      const member = await buildMember();
      const client = new ApiClient(app.url);
      await client.signIn(member.email, member.password);
      for (const body of [{}, { displayName: 'x' }, { role: 'admin' }, { locale: 'xx' }]) {
        const res = await client.send('patch', '/api/v1/me', body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
      }
      const [row] = await app.db.select().from(members).where(eq(members.id, member.id));
      expect(row).to.include({ displayName: member.displayName, role: 'member' });
    });
  });

  describe('unknown API paths', () => {
    it('answer 404 with the JSON envelope', async () => {
      const client = new ApiClient(app.url, undefined, 'pt');
      for (const path of ['/api/v1/nothing-here', '/api/v2/session']) {
        const res = await client.get(path);
        expect(res.status).to.equal(404);
        expect(res.body.error).to.deep.equal({
          code: 'not_found',
          message: 'Não encontramos o que você procurava.',
        });
      }
    });
  });
});
