import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { connectSocket, nextDisconnect, sessionCookieFrom, type ClientSocket } from '../helpers/sockets';

describe('socket handshake', () => {
  let app: TestApp;
  const open: ClientSocket[] = [];
  before(async () => {
    app = await getTestApp();
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });

  const connect = async (...args: Parameters<typeof connectSocket>) => {
    const result = await connectSocket(...args);
    open.push(result.socket);
    return result;
  };

  it('accepts a visitor without a session, as nobody', async () => {
    const { hello } = await connect(app.url);
    expect(hello).to.deep.equal({ userId: null });
  });

  for (const transport of ['websocket', 'polling'] as const) {
    it(`knows the signed-in member from the session cookie (${transport})`, async () => {
      const member = await buildMember();
      const client = new ApiClient(app.url);
      const res = await client.signIn(member.email, member.password);
      const { hello } = await connect(app.url, { cookie: sessionCookieFrom(res) }, transport);
      expect(hello).to.deep.equal({ userId: member.id });
    });
  }

  it('treats a forged or stale session cookie as no session', async () => {
    const { hello } = await connect(app.url, { cookie: 'agora.sid=s%3Aforged.signature' });
    expect(hello.userId).to.equal(null);
  });

  it('refuses a handshake from another site', async () => {
    const member = await buildMember();
    const res = await new ApiClient(app.url).signIn(member.email, member.password);
    for (const transport of ['websocket', 'polling'] as const) {
      let refused: unknown;
      try {
        await connect(app.url, { cookie: sessionCookieFrom(res), origin: 'https://evil.example' }, transport);
      } catch (error) {
        refused = error;
      }
      expect(refused, transport).to.be.instanceOf(Error);
    }
  });

  it('accepts a handshake from its own origin', async () => {
    const { hello } = await connect(app.url, { origin: app.url });
    expect(hello.userId).to.equal(null);
  });

  it('disconnects the sockets of a session when it signs out, and only those', async () => {
    const member = await buildMember();
    const laptop = new ApiClient(app.url);
    const phone = new ApiClient(app.url);
    const laptopLogin = await laptop.signIn(member.email, member.password);
    const phoneLogin = await phone.signIn(member.email, member.password);
    const laptopSocket = (await connect(app.url, { cookie: sessionCookieFrom(laptopLogin) })).socket;
    const laptopSecondTab = (await connect(app.url, { cookie: sessionCookieFrom(laptopLogin) }, 'polling'))
      .socket;
    const phoneSocket = (await connect(app.url, { cookie: sessionCookieFrom(phoneLogin) })).socket;

    const disconnected = Promise.all([nextDisconnect(laptopSocket), nextDisconnect(laptopSecondTab)]);
    const res = await laptop.send('post', '/api/v1/auth/logout');
    expect(res.status).to.equal(204);
    expect(await disconnected).to.deep.equal(['io server disconnect', 'io server disconnect']);
    expect(phoneSocket.connected).to.equal(true);
  });

  it('disconnects a session’s sockets when the browser signs in as someone else', async () => {
    const first = await buildMember();
    const second = await buildMember();
    const browser = new ApiClient(app.url);
    const login = await browser.signIn(first.email, first.password);
    const socket = (await connect(app.url, { cookie: sessionCookieFrom(login) })).socket;
    const disconnected = nextDisconnect(socket);
    await browser.send('post', '/api/v1/auth/login', { email: second.email, password: second.password });
    expect(await disconnected).to.equal('io server disconnect');
  });
});
