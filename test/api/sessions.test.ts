import { expect } from 'chai';
import type { SessionDto } from '@shared/api/security';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { connectSocket, nextDisconnect, sessionCookieFrom } from '../helpers/sockets';
import { enrolTwoFactor, totpCode } from '../helpers/totp';

const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Rejects when the socket is not disconnected within `ms`. */
function disconnectedWithin(promise: Promise<string>, ms: number): Promise<string> {
  return Promise.race([
    promise,
    new Promise<string>((_resolve, reject) =>
      setTimeout(() => reject(new Error(`not disconnected in ${ms} ms`)), ms),
    ),
  ]);
}

describe('session management', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  /** Signs in from a "device" and returns the client and its session cookie. */
  const signInFrom = async (email: string, password: string, userAgent: string) => {
    const client = new ApiClient(app.url);
    const { csrfToken } = await client.session();
    const res = await client.agent
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', client.ip)
      .set('User-Agent', userAgent)
      .set('X-CSRF-Token', csrfToken)
      .send({ email, password })
      .expect(200);
    await client.session();
    return { client, cookie: sessionCookieFrom(res) };
  };

  it('refuses visitors', async () => {
    const client = new ApiClient(app.url);
    expect((await client.get('/api/v1/me/sessions')).status).to.equal(401);
    expect((await client.send('delete', '/api/v1/me/sessions/abc')).status).to.equal(401);
    expect((await client.send('post', '/api/v1/me/sessions/revoke-others')).status).to.equal(401);
    expect((await client.send('post', '/api/v1/me/password', {})).status).to.equal(401);
  });

  it('lists the member’s sessions with device, approximate address and last activity, never the session id', async () => {
    const member = await buildMember();
    const laptop = await signInFrom(member.email, member.password, CHROME_UA);
    await signInFrom(member.email, member.password, IPHONE_UA);
    const res = await laptop.client.get('/api/v1/me/sessions').expect(200);
    const items = res.body.items as SessionDto[];
    expect(items).to.have.length(2);
    expect(items[0]).to.include({ current: true, browser: 'Chrome', os: 'Windows' });
    expect(items[1]).to.include({ current: false, browser: 'Safari', os: 'iOS' });
    expect(items[0]?.approximateIp).to.match(/^198\.51\.\d+\.0\/24$/);
    expect(items[0]?.lastSeenAt).to.be.a('string');
    const sid =
      decodeURIComponent(laptop.cookie.split('=')[1] ?? '')
        .slice(2)
        .split('.')[0] ?? '';
    expect(JSON.stringify(res.body)).not.to.include(sid);
  });

  it('ends one session, disconnecting its sockets; another member’s session is 404', async () => {
    const member = await buildMember();
    const laptop = await signInFrom(member.email, member.password, CHROME_UA);
    const phone = await signInFrom(member.email, member.password, IPHONE_UA);
    const { socket } = await connectSocket(app.url, { cookie: phone.cookie });
    const disconnected = nextDisconnect(socket);

    const items = (await laptop.client.get('/api/v1/me/sessions').expect(200)).body.items as SessionDto[];
    const phoneSession = items.find((item) => !item.current);
    const stranger = await buildMember();
    const strangerClient = new ApiClient(app.url);
    await strangerClient.signIn(stranger.email, stranger.password);
    expect((await strangerClient.send('delete', `/api/v1/me/sessions/${phoneSession?.id}`)).status).to.equal(
      404,
    );

    expect((await laptop.client.send('delete', `/api/v1/me/sessions/${phoneSession?.id}`)).status).to.equal(
      204,
    );
    expect(await disconnectedWithin(disconnected, 2000)).to.equal('io server disconnect');
    expect((await phone.client.session()).user).to.equal(null);
    expect((await laptop.client.session()).user?.id).to.equal(member.id);
    expect((await laptop.client.send('delete', `/api/v1/me/sessions/${phoneSession?.id}`)).status).to.equal(
      404,
    );
  });

  it('signs out everywhere else, disconnecting those sockets', async () => {
    const member = await buildMember();
    const laptop = await signInFrom(member.email, member.password, CHROME_UA);
    const phone = await signInFrom(member.email, member.password, IPHONE_UA);
    const tablet = await signInFrom(member.email, member.password, IPHONE_UA);
    const sockets = await Promise.all(
      [phone, tablet].map((d) => connectSocket(app.url, { cookie: d.cookie })),
    );
    const gone = sockets.map(({ socket }) => disconnectedWithin(nextDisconnect(socket), 2000));
    const res = await laptop.client.send('post', '/api/v1/me/sessions/revoke-others');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ ended: 2 });
    await Promise.all(gone);
    expect((await phone.client.session()).user).to.equal(null);
    expect((await tablet.client.session()).user).to.equal(null);
    expect((await laptop.client.get('/api/v1/me/sessions').expect(200)).body.items).to.have.length(1);
  });

  describe('password change', () => {
    it('checks the current password and the rules, then ends the other sessions and rotates this one', async () => {
      const member = await buildMember();
      const laptop = await signInFrom(member.email, member.password, CHROME_UA);
      const phone = await signInFrom(member.email, member.password, IPHONE_UA);
      const { socket } = await connectSocket(app.url, { cookie: phone.cookie });
      const gone = disconnectedWithin(nextDisconnect(socket), 2000);

      const wrong = await laptop.client.send('post', '/api/v1/me/password', {
        currentPassword: 'not my password at all',
        newPassword: 'a brand new passphrase',
      });
      expect(wrong.status).to.equal(400);
      expect(wrong.body.error.fields.currentPassword.code).to.equal('password_incorrect');
      const weak = await laptop.client.send('post', '/api/v1/me/password', {
        currentPassword: member.password,
        newPassword: 'password123',
      });
      expect(weak.status).to.equal(400);
      expect(weak.body.error.fields.newPassword.code).to.equal('password_common');

      const res = await laptop.client.send('post', '/api/v1/me/password', {
        currentPassword: member.password,
        newPassword: 'a brand new passphrase',
      });
      expect(res.status).to.equal(200);
      const rotated = sessionCookieFrom(res);
      expect(rotated).not.to.equal(laptop.cookie);
      await gone;
      expect((await phone.client.session()).user).to.equal(null);
      await laptop.client.session();
      expect((await laptop.client.get('/api/v1/me/sessions').expect(200)).body.items).to.have.length(1);

      const old = new ApiClient(app.url);
      expect((await old.signIn(member.email, member.password)).status).to.equal(401);
      const fresh = new ApiClient(app.url);
      expect((await fresh.signIn(member.email, 'a brand new passphrase')).status).to.equal(200);
    });
  });

  it('ends the other sessions when the second factor is turned on', async () => {
    const member = await buildMember();
    const laptop = await signInFrom(member.email, member.password, CHROME_UA);
    const phone = await signInFrom(member.email, member.password, IPHONE_UA);
    const { secret } = await enrolTwoFactor(laptop.client);
    expect((await phone.client.session()).user).to.equal(null);
    expect((await laptop.client.session()).user?.id).to.equal(member.id);
    const off = await laptop.client.send('post', '/api/v1/me/two-factor/disable', {
      code: totpCode(secret, 1),
    });
    expect(off.status).to.equal(204);
  });
});
