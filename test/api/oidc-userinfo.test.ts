import { expect } from 'chai';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, members } from '@server/db/schema';
import { startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { unique } from '../helpers/factories';
import { freePort, providersEnv, startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import { actAtProvider, deliver, startAt } from '../helpers/oidc-flow';

/** An app with one conforming provider (claims only from UserInfo), configured with `extra` settings. */
async function startPair(extra: Record<string, unknown>, env: Record<string, string> = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const provider = await startTestProvider(baseUrl, 'gov');
  const app = await startTestApp({
    PORT: String(port),
    BASE_URL: baseUrl,
    OIDC_PROVIDERS: providersEnv(provider, 'gov', extra),
    ...env,
  });
  const callbackPrefix = `${baseUrl}/auth/oidc/gov/callback`;
  const roundTrip = async (login: string) => {
    const client = new ApiClient(app.url);
    const authUrl = await startAt(client, 'gov');
    const callback = await actAtProvider(authUrl.href, login, callbackPrefix);
    return { client, landing: await deliver(client, callback) };
  };
  return { app, provider, roundTrip };
}

describe('OpenID Connect UserInfo', function () {
  this.timeout(60_000);

  describe('with the default method', () => {
    let app: TestApp;
    let provider: TestProvider;
    let roundTrip: Awaited<ReturnType<typeof startPair>>['roundTrip'];
    before(async () => {
      ({ app, provider, roundTrip } = await startPair({}));
    });
    after(async () => {
      await app?.dispose();
      await provider?.close();
    });
    afterEach(() => {
      provider.tamper = null;
    });

    it('asks the UserInfo endpoint by GET for the claims the ID token lacks', async () => {
      const login = `ui-${unique()}`;
      provider.accounts.set(login, {
        email: `${login}@gob.example.org`,
        email_verified: true,
        name: 'Lucía Fernández',
        locale: 'fr-CA',
        assurance_level: 'high',
      });
      provider.userInfoRequests.length = 0;
      const { client, landing } = await roundTrip(login);
      expect(landing).to.equal('/welcome');
      expect(provider.userInfoRequests).to.deep.equal(['GET']);
      expect((await client.session()).user).to.include({
        displayName: 'Lucía Fernández',
        locale: 'fr',
        identityVerified: true,
      });
    });

    it('refuses a UserInfo answer about another subject, and creates nothing', async () => {
      const count = async () =>
        (await app.db.select({ n: sql<number>`count(*)::int` }).from(members))[0]?.n ?? 0;
      const before = await count();
      provider.tamper = 'userinfo_subject';
      const { client, landing } = await roundTrip(`mix-${unique()}`);
      expect(landing).to.equal('/signin?error=oidc_token_invalid');
      expect(await count()).to.equal(before);
      expect((await client.session()).user).to.equal(null);
    });
  });

  describe('with "userInfoMethod": "POST"', () => {
    let app: TestApp;
    let provider: TestProvider;
    let roundTrip: Awaited<ReturnType<typeof startPair>>['roundTrip'];
    before(async () => {
      ({ app, provider, roundTrip } = await startPair({ userInfoMethod: 'POST' }));
    });
    after(async () => {
      await app?.dispose();
      await provider?.close();
    });

    it('asks the UserInfo endpoint by POST, as ClaveÚnica requires', async () => {
      const login = `post-${unique()}`;
      provider.userInfoRequests.length = 0;
      const { client, landing } = await roundTrip(login);
      expect(landing).to.equal('/welcome');
      expect(provider.userInfoRequests).to.deep.equal(['POST']);
      expect((await client.session()).user?.displayName).to.be.a('string');
    });
  });

  describe('with ADMIN_EMAILS', () => {
    let app: TestApp;
    let provider: TestProvider;
    let roundTrip: Awaited<ReturnType<typeof startPair>>['roundTrip'];
    const chief = `chief-${unique()}@gob.example.org`;
    const other = `second-${unique()}@gob.example.org`;
    before(async () => {
      ({ app, provider, roundTrip } = await startPair(
        {},
        { ADMIN_EMAILS: `${chief},${other}`, MEMBERSHIP: 'approval' },
      ));
    });
    after(async () => {
      await app?.dispose();
      await provider?.close();
    });

    it('makes an account an active admin when the provider asserts its listed address is verified', async () => {
      const login = `c-${unique()}`;
      provider.accounts.set(login, { email: chief, email_verified: true, name: 'Jefa de Red' });
      const { client } = await roundTrip(login);
      const user = (await client.session()).user;
      expect(user).to.include({ role: 'admin', status: 'active' });
      const [entry] = await app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'member.role'), eq(auditLog.targetId, user?.id ?? '')));
      expect(entry).to.include({ actorId: null });
      expect(entry?.after).to.deep.include({ role: 'admin', via: 'admin_emails' });
    });

    it('keeps an account an ordinary member when the provider does not say the address is verified', async () => {
      const login = `u-${unique()}`;
      provider.accounts.set(login, { email: other, name: 'Quien Sea' });
      const { client } = await roundTrip(login);
      expect((await client.session()).user).to.include({ role: 'member', status: 'pending' });
    });
  });
});
