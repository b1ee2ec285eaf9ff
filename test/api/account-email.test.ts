import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';
import { buildCategory, unique } from '../helpers/factories';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';

const BASE = 'http://agora.test';

describe('account e-mails over a real SMTP server', function () {
  let app: TestApp;
  let smtp: TestSmtp;

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp({ SMTP_URL: smtp.url, BASE_URL: BASE }, { outbox: { autoStart: false } });
  });
  after(async () => {
    await app.dispose();
    await smtp.close();
  });

  const register = async (email: string, locale: string) => {
    const client = new ApiClient(app.url);
    const res = await client.send('post', '/api/v1/auth/register', {
      email,
      password: 'una clave larga y rara',
      displayName: 'Pessoa Teste',
      locale,
    });
    expect(res.status).to.equal(201);
    await client.session();
    return client;
  };
  const expectRefused = (res: { status: number; body: { error?: { code: string } } }) => {
    expect(res.status).to.equal(403);
    expect(res.body.error?.code).to.equal('reauthentication_required');
  };
  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

  it('sends the verification e-mail in the member language; unverified members read but cannot post', async () => {
    const client = await register('verifica@example.org', 'pt');
    await app.mailWorker.runOnce();
    const [mail] = await smtp.waitFor((m) => m.to === 'verifica@example.org');
    expect(mail?.parsed.subject).to.equal('Confirme seu e-mail na Ágora');
    expect(mail?.parsed.text).to.contain('Olá, Pessoa Teste:');
    expect(mail?.parsed.html).to.be.a('string').and.contain('Confirmar meu e-mail');
    expect(mail?.parsed.headers.get('list-unsubscribe')).to.equal(undefined);
    const link = linkIn(mail?.parsed.text, `${BASE}/verify-email?token=`);
    expect(String(mail?.parsed.html)).to.contain(link.replace(/&/g, '&amp;'));

    const category = await buildCategory({}, app);
    const thread = {
      categoryId: category.id,
      kind: 'discussion',
      title: 'Um tópico sobre dados abertos',
      body: 'Olá a todos',
    };
    const refused = await client.send('post', '/api/v1/threads', thread);
    expect(refused.status).to.equal(403);
    expect((refused.body as { error: { code: string } }).error.code).to.equal('email_not_verified');
    expect((await client.get('/api/v1/threads').expect(200)).status).to.equal(200);

    const tampered = tokenOf(link).slice(0, -2) + 'xx';
    expect((await client.send('post', '/api/v1/auth/email/verify', { token: tampered })).status).to.equal(
      400,
    );
    expect(
      (await client.send('post', '/api/v1/auth/email/verify', { token: tokenOf(link) })).status,
    ).to.equal(204);
    const reused = await client.send('post', '/api/v1/auth/email/verify', { token: tokenOf(link) });
    expect(reused.status).to.equal(400);
    expect((reused.body as { error: { code: string } }).error.code).to.equal('token_invalid');
    expect((await client.send('post', '/api/v1/threads', thread)).status).to.equal(201);
  });

  it('answers forgot-password identically for known and unknown addresses; only the known one gets mail', async () => {
    await register('olvido@example.org', 'es');
    await app.mailWorker.runOnce();
    const before = smtp.received.length;
    const visitor = new ApiClient(app.url);
    const known = await visitor.send('post', '/api/v1/auth/password/forgot', { email: 'olvido@example.org' });
    const unknown = await visitor.send('post', '/api/v1/auth/password/forgot', {
      email: 'nadie@example.org',
    });
    expect([known.status, unknown.status]).to.deep.equal([202, 202]);
    expect(known.text).to.equal(unknown.text);
    expect(known.headers['content-type']).to.equal(unknown.headers['content-type']);
    await app.background.idle();
    await app.mailWorker.runOnce();
    const mails = smtp.received.slice(before);
    expect(mails.map((m) => m.to)).to.deep.equal(['olvido@example.org']);
    expect(mails[0]?.parsed.subject).to.equal('Restablece tu contraseña de Ágora');
    const bad = await visitor.send('post', '/api/v1/auth/password/forgot', { email: 'no es correo' });
    expect(bad.status).to.equal(400);
  });

  it('resets the password once with a fresh token, ends every session and refuses reused, tampered and expired tokens', async () => {
    const member = await register('reinicio@example.org', 'en');
    expect((await member.get('/api/v1/notifications').expect(200)).status).to.equal(200);
    const visitor = new ApiClient(app.url);
    const ask = async () => {
      const before = smtp.received.length;
      await visitor.send('post', '/api/v1/auth/password/forgot', { email: 'reinicio@example.org' });
      await app.background.idle();
      await app.mailWorker.runOnce();
      const mail = smtp.received
        .slice(before)
        .find((m) => m.to === 'reinicio@example.org' && m.parsed.subject === 'Reset your Ágora password');
      return tokenOf(linkIn(mail?.parsed.text, `${BASE}/reset-password?token=`));
    };
    const token = await ask();
    const reset = (t: string) =>
      visitor.send('post', '/api/v1/auth/password/reset', { token: t, password: 'otra clave muy segura' });
    expect((await reset(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).status).to.equal(400);
    expect(
      (await visitor.send('post', '/api/v1/auth/password/reset', { token, password: 'short' })).status,
    ).to.equal(400);
    // Long enough for the request, refused by the password rules, with the field's problem.
    const common = await visitor.send('post', '/api/v1/auth/password/reset', {
      token,
      password: '1234567890',
    });
    expect(common.status).to.equal(400);
    expect(common.body.error.fields.password.code).to.equal('password_common');
    expect((await reset(token)).status).to.equal(204);
    expect((await reset(token)).status).to.equal(400);
    // The old session is gone; the new password works, the old one does not.
    expect((await member.get('/api/v1/notifications')).status).to.equal(401);
    const fresh = new ApiClient(app.url);
    expect((await fresh.signIn('reinicio@example.org', 'una clave larga y rara')).status).to.equal(401);
    expect((await fresh.signIn('reinicio@example.org', 'otra clave muy segura')).status).to.equal(200);

    const expiring = await ask();
    await app.db.execute(
      sql`update account_tokens set expires_at = now() - interval '1 second' where used_at is null`,
    );
    const expired = await reset(expiring);
    expect(expired.status).to.equal(400);
    expect((expired.body as { error: { code: string } }).error.code).to.equal('token_invalid');
  });

  it('changes the e-mail address after confirmation from the new one and tells the old one', async () => {
    const member = await register('viejo@example.org', 'fr');
    // Registering is no proof of identity: the change asks for the password again first.
    expectRefused(await member.send('post', '/api/v1/me/email', { email: 'nuevo@example.org' }));
    const proof = await member.send('post', '/api/v1/me/reauthentication', {
      password: 'una clave larga y rara',
    });
    expect(proof.status).to.equal(200);
    const asked = await member.send('post', '/api/v1/me/email', { email: 'nuevo@example.org' });
    expect(asked.status).to.equal(202);
    const taken = await member.send('post', '/api/v1/me/email', { email: 'olvido@example.org' });
    expect([taken.status, taken.text]).to.deep.equal([asked.status, asked.text]);
    await app.background.idle();
    await app.mailWorker.runOnce();
    const [confirm] = await smtp.waitFor((m) => m.to === 'nuevo@example.org');
    expect(confirm?.parsed.subject).to.equal('Confirmez votre nouvelle adresse e-mail');
    expect(
      smtp.received.some(
        (m) => m.to === 'olvido@example.org' && /nouvelle adresse/.test(m.parsed.subject ?? ''),
      ),
    ).to.equal(false);
    const token = tokenOf(linkIn(confirm?.parsed.text, `${BASE}/confirm-email?token=`));
    expect(
      (await new ApiClient(app.url).send('post', '/api/v1/auth/email/change/confirm', { token })).status,
    ).to.equal(204);
    expect(
      (await new ApiClient(app.url).send('post', '/api/v1/auth/email/change/confirm', { token })).status,
    ).to.equal(400);
    await app.mailWorker.runOnce();
    const [notice] = await smtp.waitFor(
      (m) => m.to === 'viejo@example.org' && /a changé/.test(m.parsed.subject ?? ''),
    );
    expect(notice?.parsed.text).to.contain('nuevo@example.org');
    expect(
      (await new ApiClient(app.url).signIn('nuevo@example.org', 'una clave larga y rara')).status,
    ).to.equal(200);
  });

  describe('a change of credentials voids every outstanding link of the account', () => {
    const PASSWORD = 'una clave larga y rara';
    /** A member with a pending e-mail change and an unused verification link; returns both tokens. */
    const withPendingLinks = async (name: string) => {
      const email = `${name}-${unique()}@example.org`;
      const newEmail = `${name}-nueva-${unique()}@example.org`;
      const client = await register(email, 'en');
      await client.send('post', '/api/v1/me/reauthentication', { password: PASSWORD });
      const asked = await client.send('post', '/api/v1/me/email', { email: newEmail });
      expect(asked.status).to.equal(202);
      await app.background.idle();
      await app.mailWorker.runOnce();
      const [verify] = await smtp.waitFor((m) => m.to === email);
      const [change] = await smtp.waitFor((m) => m.to === newEmail);
      return {
        client,
        email,
        newEmail,
        verifyToken: tokenOf(linkIn(verify?.parsed.text, `${BASE}/verify-email?token=`)),
        changeToken: tokenOf(linkIn(change?.parsed.text, `${BASE}/confirm-email?token=`)),
      };
    };
    const expectVoided = async (links: { email: string; verifyToken: string; changeToken: string }) => {
      const visitor = new ApiClient(app.url);
      const change = await visitor.send('post', '/api/v1/auth/email/change/confirm', {
        token: links.changeToken,
      });
      expect(change.status).to.equal(400);
      expect((change.body as { error: { code: string } }).error.code).to.equal('token_invalid');
      const verify = await visitor.send('post', '/api/v1/auth/email/verify', { token: links.verifyToken });
      expect(verify.status).to.equal(400);
      const [row] = (
        await app.db.execute<{ email: string }>(sql`select email from members where email = ${links.email}`)
      ).rows;
      expect(row?.email, 'the address is unchanged').to.equal(links.email);
    };

    it('after a password reset', async () => {
      const links = await withPendingLinks('reset');
      const visitor = new ApiClient(app.url);
      await visitor.send('post', '/api/v1/auth/password/forgot', { email: links.email });
      await app.background.idle();
      await app.mailWorker.runOnce();
      const [mail] = await smtp.waitFor(
        (m) => m.to === links.email && m.parsed.subject === 'Reset your Ágora password',
      );
      const token = tokenOf(linkIn(mail?.parsed.text, `${BASE}/reset-password?token=`));
      const reset = await visitor.send('post', '/api/v1/auth/password/reset', {
        token,
        password: 'otra clave muy segura',
      });
      expect(reset.status).to.equal(204);
      await expectVoided(links);
    });

    it('after a password change', async () => {
      const links = await withPendingLinks('cambio');
      const changed = await links.client.send('post', '/api/v1/me/password', {
        currentPassword: PASSWORD,
        newPassword: 'otra clave muy segura',
      });
      expect(changed.status).to.equal(200);
      await expectVoided(links);
    });

    it('after signing out every other session', async () => {
      const links = await withPendingLinks('salida');
      const ended = await links.client.send('post', '/api/v1/me/sessions/revoke-others');
      expect(ended.status).to.equal(200);
      await expectVoided(links);
    });
  });

  it('answers a suspended member’s address like any other, and sends it nothing', async () => {
    await register('suspendida@example.org', 'es');
    await app.db.execute(sql`update members set status = 'suspended' where email = 'suspendida@example.org'`);
    await app.background.idle();
    await app.mailWorker.runOnce();
    const before = smtp.received.length;
    const answers = [];
    for (const email of ['suspendida@example.org', 'olvido@example.org', 'ninguna@example.org']) {
      const res = await new ApiClient(app.url).send('post', '/api/v1/auth/password/forgot', { email });
      answers.push([res.status, res.text, res.headers['content-type'], res.headers['content-length']]);
    }
    expect(answers[0]).to.deep.equal(answers[1]).and.deep.equal(answers[2]);
    await app.background.idle();
    await app.mailWorker.runOnce();
    expect(smtp.received.slice(before).map((m) => m.to)).to.deep.equal(['olvido@example.org']);
  });

  it('refuses an expired verification link', async () => {
    const client = await register('caduca@example.org', 'en');
    await app.mailWorker.runOnce();
    const [mail] = await smtp.waitFor((m) => m.to === 'caduca@example.org');
    const token = tokenOf(linkIn(mail?.parsed.text, `${BASE}/verify-email?token=`));
    await app.db.execute(
      sql`update account_tokens set expires_at = now() - interval '1 second' where purpose = 'verify' and used_at is null`,
    );
    const res = await client.send('post', '/api/v1/auth/email/verify', { token });
    expect(res.status).to.equal(400);
    expect((res.body as { error: { code: string } }).error.code).to.equal('token_invalid');
  });

  /** When the member's address counts as verified (null: not yet). */
  const verifiedAt = async (email: string) => {
    const [row] = (
      await app.db.execute<{ verified: string | null }>(
        sql`select email_verified_at::text as verified from members where email = ${email}`,
      )
    ).rows;
    return row?.verified ?? null;
  };
  /** The token of the newest link to `path` sent to `to`, once the outbox has run. */
  const newestToken = async (to: string, path: string) => {
    await app.background.idle();
    await app.mailWorker.runOnce();
    const mails = await smtp.waitFor((m) => m.to === to && (m.parsed.text ?? '').includes(path));
    return tokenOf(linkIn(mails.at(-1)?.parsed.text, `${BASE}${path}?token=`));
  };

  it('counts a password reset as proof of an unverified address', async () => {
    const email = `sin-verificar-${unique()}@example.org`;
    await register(email, 'en');
    expect(await verifiedAt(email)).to.equal(null);
    const visitor = new ApiClient(app.url);
    await visitor.send('post', '/api/v1/auth/password/forgot', { email });
    const token = await newestToken(email, '/reset-password');
    const reset = await visitor.send('post', '/api/v1/auth/password/reset', {
      token,
      password: 'otra clave muy segura',
    });
    expect(reset.status).to.equal(204);
    expect(await verifiedAt(email)).to.be.a('string');
  });

  it('sends the verification link again only while the address is unverified', async () => {
    const email = `reenvio-${unique()}@example.org`;
    const client = await register(email, 'en');
    const count = () => smtp.received.filter((m) => m.to === email).length;
    const first = await newestToken(email, '/verify-email');
    expect(count()).to.equal(1);
    expect((await client.send('post', '/api/v1/auth/email/verify/resend')).status).to.be.below(300);
    const second = await newestToken(email, '/verify-email');
    expect(count()).to.equal(2);
    // A new link replaces the old one.
    expect((await client.send('post', '/api/v1/auth/email/verify', { token: first })).status).to.equal(400);
    expect((await client.send('post', '/api/v1/auth/email/verify', { token: second })).status).to.equal(204);
    expect((await client.send('post', '/api/v1/auth/email/verify/resend')).status).to.be.below(300);
    await app.background.idle();
    await app.mailWorker.runOnce();
    expect(count()).to.equal(2);
  });

  it('lets a verification link opened after the address was proven otherwise change nothing', async () => {
    const email = `antes-${unique()}@example.org`;
    const newEmail = `despues-${unique()}@example.org`;
    const client = await register(email, 'en');
    const verifyToken = await newestToken(email, '/verify-email');
    await client.send('post', '/api/v1/me/reauthentication', { password: 'una clave larga y rara' });
    expect((await client.send('post', '/api/v1/me/email', { email: newEmail })).status).to.equal(202);
    const changeToken = await newestToken(newEmail, '/confirm-email');
    const confirm = await client.send('post', '/api/v1/auth/email/change/confirm', { token: changeToken });
    expect(confirm.status).to.equal(204);
    const proven = await verifiedAt(newEmail);
    expect(proven).to.be.a('string');
    const late = await client.send('post', '/api/v1/auth/email/verify', { token: verifyToken });
    expect(late.status).to.equal(204);
    expect(await verifiedAt(newEmail)).to.equal(proven);
  });

  it('refuses (409) to confirm a new address another account confirmed first', async () => {
    const wanted = `disputada-${unique()}@example.org`;
    const tokens = [];
    for (const name of ['primera', 'segunda']) {
      const client = await register(`${name}-${unique()}@example.org`, 'en');
      await client.send('post', '/api/v1/me/reauthentication', { password: 'una clave larga y rara' });
      expect((await client.send('post', '/api/v1/me/email', { email: wanted })).status).to.equal(202);
      await app.background.idle();
      await app.mailWorker.runOnce();
      const mails = await smtp.waitFor((m) => m.to === wanted, tokens.length + 1);
      tokens.push(tokenOf(linkIn(mails.at(-1)?.parsed.text, `${BASE}/confirm-email?token=`)));
    }
    const visitor = new ApiClient(app.url);
    const first = await visitor.send('post', '/api/v1/auth/email/change/confirm', { token: tokens[0] });
    expect(first.status).to.equal(204);
    const second = await visitor.send('post', '/api/v1/auth/email/change/confirm', { token: tokens[1] });
    expect(second.status).to.equal(409);
    expect((second.body as { error: { code: string } }).error.code).to.equal('email_taken');
  });

  it('refuses visitors on the signed-in endpoints (401)', async () => {
    const visitor = new ApiClient(app.url);
    expect((await visitor.send('post', '/api/v1/me/email', { email: 'x@example.org' })).status).to.equal(401);
    expect((await visitor.send('post', '/api/v1/auth/email/verify/resend')).status).to.equal(401);
  });
});

describe('password-reset requests have a rate limit of their own', function () {
  let app: TestApp;
  let smtp: TestSmtp;

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp(
      { SMTP_URL: smtp.url, BASE_URL: BASE },
      {
        outbox: { autoStart: false },
        authLimits: {
          ...DEFAULT_AUTH_LIMITS,
          registrationsPerIpPerHour: 2,
          passwordResetsPerIpPerHour: 3,
        },
      },
    );
  });
  after(async () => {
    await app.dispose();
    await smtp.close();
  });

  const forgot = (client: ApiClient, email: string) =>
    client.send('post', '/api/v1/auth/password/forgot', { email });
  const register = (client: ApiClient, email: string) =>
    client.send('post', '/api/v1/auth/register', {
      email,
      password: 'una clave larga y rara',
      displayName: 'Cuenta Límite',
    });

  it('is not used up by registrations, and does not use theirs up', async () => {
    const office = new ApiClient(app.url);
    expect((await register(office, 'uno@example.org')).status).to.equal(201);
    const other = new ApiClient(app.url, office.ip);
    expect((await register(other, 'dos@example.org')).status).to.equal(201);
    expect((await register(new ApiClient(app.url, office.ip), 'tres@example.org')).status).to.equal(429);

    const visitor = new ApiClient(app.url, office.ip);
    for (const email of ['uno@example.org', 'nadie@example.org', 'dos@example.org']) {
      expect((await forgot(visitor, email)).status).to.equal(202);
    }
    const refused = await forgot(visitor, 'uno@example.org');
    expect(refused.status).to.equal(429);
    expect((refused.body as { error: { code: string } }).error.code).to.equal('rate_limited');

    // A fresh address: resets are refused after three, registrations still pass.
    const elsewhere = new ApiClient(app.url);
    for (let i = 0; i < 3; i += 1) expect((await forgot(elsewhere, 'x@example.org')).status).to.equal(202);
    expect((await forgot(elsewhere, 'x@example.org')).status).to.equal(429);
    expect((await register(new ApiClient(app.url, elsewhere.ip), 'cuatro@example.org')).status).to.equal(201);
  });

  it('answers alike but sends at most three reset e-mails an hour to one mailbox', async () => {
    const client = new ApiClient(app.url);
    expect((await register(client, 'buzon@example.org')).status).to.equal(201);
    const answers = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await forgot(new ApiClient(app.url), 'buzon@example.org');
      answers.push([res.status, res.text]);
    }
    expect(new Set(answers.map((a) => a.join()))).to.have.length(1);
    await app.background.idle();
    await app.mailWorker.runOnce();
    const resets = smtp.received.filter(
      (m) => m.to === 'buzon@example.org' && /contraseña/.test(m.parsed.subject ?? ''),
    );
    expect(resets).to.have.length(3);
  });
});
