import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import { auditLog, members } from '@server/db/schema';
import { startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { unique } from '../helpers/factories';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';

const BASE = 'http://agora.test';

describe('the first admins (ADMIN_EMAILS)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let smtp: TestSmtp;
  const listed = [
    `chief-${unique()}@example.org`,
    `ops-${unique()}@example.org`,
    `squatted-${unique()}@example.org`,
  ];

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp(
      {
        SMTP_URL: smtp.url,
        BASE_URL: BASE,
        MEMBERSHIP: 'approval',
        ADMIN_EMAILS: listed.join(',').toUpperCase(),
      },
      { outbox: { autoStart: false } },
    );
  });
  after(async () => {
    await app?.dispose();
    await smtp?.close();
  });

  const register = async (email: string) => {
    const client = new ApiClient(app.url);
    const res = await client.send('post', '/api/v1/auth/register', {
      email,
      password: 'la primera administradora',
      displayName: 'Primera Admin',
    });
    expect(res.status, res.text).to.equal(201);
    await client.session();
    return { client, user: res.body.user as { id: string; role: string; status: string } };
  };
  /** The token of the next link to `path` sent to `to`. */
  const tokenSentTo = async (to: string, path: string) => {
    const match = (m: TestSmtp['received'][number]) => m.to === to && (m.parsed.text ?? '').includes(path);
    const seen = smtp.received.filter(match).length;
    await app.background.idle();
    await app.mailWorker.runOnce();
    const mails = await smtp.waitFor(match, seen + 1);
    const link = linkIn(mails.at(-1)?.parsed.text, `${BASE}${path}?token=`);
    return new URL(link).searchParams.get('token') ?? '';
  };
  const roleEntries = (memberId: string) =>
    app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.role'), eq(auditLog.targetId, memberId)));

  it('registers a listed address as an ordinary member until the address is verified by its link', async () => {
    const email = listed[0] ?? '';
    const { client, user } = await register(email);
    // Whoever registers the address first proves nothing yet: no admin role, and approval still applies.
    expect(user).to.include({ role: 'member', status: 'pending' });
    expect((await client.get('/api/v1/admin/staff')).status).to.equal(403);

    const token = await tokenSentTo(email, '/verify-email');
    expect((await client.send('post', '/api/v1/auth/email/verify', { token })).status).to.equal(204);
    expect((await client.session()).user).to.include({ role: 'admin', status: 'active' });
    const [entry, ...more] = await roleEntries(user.id);
    expect(more).to.have.length(0);
    expect(entry).to.include({ actorId: null, targetType: 'member' });
    expect(entry?.before).to.deep.equal({ role: 'member', scopes: null });
    expect(entry?.after).to.deep.equal({ role: 'admin', scopes: null, via: 'admin_emails' });
  });

  it('grants the role when a password-reset link first proves the address, and only then', async () => {
    const email = listed[1] ?? '';
    const { user } = await register(email);
    const visitor = new ApiClient(app.url);
    await visitor.send('post', '/api/v1/auth/password/forgot', { email });
    const token = await tokenSentTo(email, '/reset-password');
    const reset = await visitor.send('post', '/api/v1/auth/password/reset', {
      token,
      password: 'otra clave muy segura',
    });
    expect(reset.status).to.equal(204);
    const [row] = await app.db.select().from(members).where(eq(members.id, user.id));
    expect(row).to.include({ role: 'admin', status: 'active' });

    // Demoted later by the network, the member does not win the role back by resetting again.
    await app.db.update(members).set({ role: 'member' }).where(eq(members.id, user.id));
    await visitor.send('post', '/api/v1/auth/password/forgot', { email });
    const again = await tokenSentTo(email, '/reset-password');
    await visitor.send('post', '/api/v1/auth/password/reset', {
      token: again,
      password: 'una tercera clave segura',
    });
    const [after] = await app.db.select().from(members).where(eq(members.id, user.id));
    expect(after?.role).to.equal('member');
    expect(await roleEntries(user.id)).to.have.length(1);
  });

  it('grants nothing when the owner of a listed address opens the link of an account someone else registered', async () => {
    const email = listed[2] ?? '';
    // Someone who does not own the address registers it first, and keeps the session and the password.
    const { client: squatter, user } = await register(email);
    const token = await tokenSentTo(email, '/verify-email');
    // The address's owner opens the link from their mailbox, signed in to nothing: the address is
    // verified, but that says nothing of who holds the account.
    const owner = new ApiClient(app.url);
    expect((await owner.send('post', '/api/v1/auth/email/verify', { token })).status).to.equal(204);
    const [row] = await app.db.select().from(members).where(eq(members.id, user.id));
    expect(row?.emailVerifiedAt).to.be.instanceOf(Date);
    expect((await squatter.session()).user).to.include({ role: 'member', status: 'pending' });
    expect(await roleEntries(user.id)).to.have.length(0);

    // The owner takes the account with a reset link: the password is theirs, the squatter is signed out.
    await owner.send('post', '/api/v1/auth/password/forgot', { email });
    const reset = await tokenSentTo(email, '/reset-password');
    expect(
      (
        await owner.send('post', '/api/v1/auth/password/reset', {
          token: reset,
          password: 'la dueña real del correo',
        })
      ).status,
    ).to.equal(204);
    expect((await squatter.session()).user).to.equal(null);
    const [after] = await app.db.select().from(members).where(eq(members.id, user.id));
    expect(after).to.include({ role: 'admin', status: 'active' });
  });

  it('leaves an unlisted address an ordinary member after verification', async () => {
    const email = `someone-${unique()}@example.org`;
    const { client } = await register(email);
    const token = await tokenSentTo(email, '/verify-email');
    await client.send('post', '/api/v1/auth/email/verify', { token });
    expect((await client.session()).user).to.include({ role: 'member', status: 'pending' });
  });
});
