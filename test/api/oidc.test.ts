import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import { memberIdentities, members } from '@server/db/schema';
import { startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { unique } from '../helpers/factories';
import { freePort, providersEnv, startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import { actAtProvider, deliver, startAt } from '../helpers/oidc-flow';
import { enrolTwoFactor, totpCode } from '../helpers/totp';

/**
 * The whole flow, once against a provider that puts the claims in the ID token and once against one
 * with oidc-provider's conforming defaults, whose ID token carries only `sub`: the e-mail, name, language
 * and assurance then come from its UserInfo endpoint.
 */
const MODES = [
  { label: 'claims in the ID token', claimsInIdToken: true },
  { label: 'claims from UserInfo', claimsInIdToken: false },
] as const;

for (const mode of MODES)
  describe(`sign-in with OpenID Connect (${mode.label})`, function () {
    this.timeout(60_000);
    let app: TestApp;
    let provider: TestProvider;
    let callbackPrefix: string;

    before(async () => {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      provider = await startTestProvider(baseUrl, 'test', { claimsInIdToken: mode.claimsInIdToken });
      app = await startTestApp({
        PORT: String(port),
        BASE_URL: baseUrl,
        OIDC_PROVIDERS: providersEnv(provider, 'test'),
      });
      callbackPrefix = `${baseUrl}/auth/oidc/test/callback`;
    });
    after(async () => {
      await app?.dispose();
      await provider?.close();
    });
    afterEach(() => {
      provider.tamper = null;
    });

    const memberCount = async () =>
      (await app.db.select({ n: sql<number>`count(*)::int` }).from(members))[0]?.n ?? 0;
    const signedInSessions = async () =>
      (
        await app.pool.query<{ n: number }>(
          'select count(*)::int as n from session where member_id is not null',
        )
      ).rows[0]?.n;

    /** A full round trip for `login` from a fresh browser; returns the client and where it ends up. */
    const roundTrip = async (login: string, client = new ApiClient(app.url)) => {
      const authUrl = await startAt(client, 'test');
      const callback = await actAtProvider(authUrl.href, login, callbackPrefix);
      return { client, landing: await deliver(client, callback), authUrl };
    };

    it('lists the provider on the session with its localized name', async () => {
      const client = new ApiClient(app.url, undefined, 'pt-BR');
      expect((await client.session()).oidcProviders).to.deep.equal([
        { id: 'test', name: 'Provedor de teste' },
      ]);
    });

    it('sends code + PKCE S256 + state + nonce, and creates an account from the claims on first sign-in', async () => {
      const login = `ana-${unique()}`;
      provider.accounts.set(login, {
        email: `${login}@gob.example.org`,
        email_verified: true,
        name: 'Ana Gómez',
        locale: 'pt-BR',
        assurance_level: 'high',
        national_id: '12345678901',
      });
      const { client, landing, authUrl } = await roundTrip(login);
      const params = authUrl.searchParams;
      expect(params.get('response_type')).to.equal('code');
      expect(params.get('code_challenge_method')).to.equal('S256');
      expect(params.get('code_challenge')).to.match(/^[\w-]{43}$/);
      expect(params.get('state')).to.be.a('string').with.length.greaterThan(20);
      expect(params.get('nonce')).to.be.a('string').with.length.greaterThan(20);
      expect(landing).to.equal('/welcome');

      const session = await client.session();
      expect(session.user).to.include({ displayName: 'Ana Gómez', locale: 'pt', profileComplete: false });
      const [row] = await app.db
        .select()
        .from(memberIdentities)
        .where(eq(memberIdentities.memberId, session.user?.id ?? ''));
      expect(row?.subjectHash).to.match(/^[\w-]{43}$/);
      expect(row?.subjectHash).not.to.include(login);
      expect(row).to.include({ provider: 'test', assurance: 'high', identityVerified: true });
      const dump = JSON.stringify(
        await app.pool.query(
          'select * from member_identities, members where members.id = member_identities.member_id',
        ),
      );
      expect(dump).not.to.include('12345678901');
      expect(dump).not.to.include(login + '"');

      const complete = await client.send('post', '/api/v1/me/profile/complete', {
        displayName: 'Ana Gómez Ruiz',
        country: 'BR',
        sector: 'government',
      });
      expect(complete.status).to.equal(200);
      expect(complete.body.user).to.include({ displayName: 'Ana Gómez Ruiz', profileComplete: true });

      // The second time, the same account signs in and lands on the home page.
      const again = await roundTrip(login);
      expect(again.landing).to.equal('/');
      expect((await again.client.session()).user?.id).to.equal(session.user?.id);
    });

    it('marks the account and the profile "identity verified" from the assurance the provider sends at each sign-in', async () => {
      const login = `gov-${unique()}`;
      provider.accounts.set(login, {
        email: `${login}@gob.example.org`,
        email_verified: true,
        name: 'Rosa Quispe',
        assurance_level: ['substantial', 'high'],
      });
      const first = await roundTrip(login);
      const user = (await first.client.session()).user;
      expect(user).to.include({ identityVerified: true });

      const viewer = new ApiClient(app.url);
      const registered = await viewer.send('post', '/api/v1/auth/register', {
        email: `viewer-${unique()}@example.org`,
        password: 'a long local passphrase',
        displayName: 'Profile Viewer',
      });
      expect(registered.body.user).to.include({ identityVerified: false });
      await viewer.session();
      const profileOf = async () =>
        (await viewer.get(`/api/v1/members/${user?.handle ?? ''}`).expect(200)).body.profile as {
          identityVerified: boolean;
          verified: unknown;
        };
      expect(await profileOf()).to.include({ identityVerified: true, verified: null });
      const viewerHandle = (await viewer.session()).user?.handle ?? '';
      expect((await first.client.get(`/api/v1/members/${viewerHandle}`).expect(200)).body.profile).to.include(
        {
          identityVerified: false,
        },
      );

      // The provider vouches for less this time: the mark follows what it sends now.
      provider.accounts.set(login, {
        email: `${login}@gob.example.org`,
        email_verified: true,
        assurance_level: 'low',
      });
      const again = await roundTrip(login);
      expect((await again.client.session()).user).to.include({ id: user?.id, identityVerified: false });
      expect(await profileOf()).to.include({ identityVerified: false });
    });

    it('never links to an existing account by e-mail', async () => {
      const email = `local-${unique()}@example.org`;
      const local = new ApiClient(app.url);
      await local.send('post', '/api/v1/auth/register', {
        email,
        password: 'a long local passphrase',
        displayName: 'Local Person',
      });
      const login = `dup-${unique()}`;
      provider.accounts.set(login, { email, email_verified: true, name: 'Someone' });
      const before = await memberCount();
      const { client, landing } = await roundTrip(login);
      expect(landing).to.equal('/signin?error=oidc_email_taken');
      expect(await memberCount()).to.equal(before);
      expect((await client.session()).user).to.equal(null);
    });

    describe('refusals: each localized, no account, no session', () => {
      const refused = async (
        landing: string,
        code: string,
        before: { members: number; sessions: number | undefined },
      ) => {
        expect(landing).to.equal(`/signin?error=${code}`);
        expect(await memberCount()).to.equal(before.members);
        expect(await signedInSessions()).to.equal(before.sessions);
      };
      const snapshot = async () => ({ members: await memberCount(), sessions: await signedInSessions() });

      for (const [tamper, label] of [
        ['audience', 'an ID token for another audience'],
        ['issuer', 'an ID token from another issuer'],
        ['expired', 'an expired ID token'],
        ['nonce', 'an ID token with another nonce'],
        ['signature', 'an ID token signed with a key the provider does not publish'],
      ] as const) {
        it(`refuses ${label}`, async () => {
          const before = await snapshot();
          provider.tamper = tamper;
          const { client, landing } = await roundTrip(`t-${unique()}`);
          await refused(landing, 'oidc_token_invalid', before);
          expect((await client.session()).user).to.equal(null);
        });
      }

      it('refuses a callback whose state is not this browser’s', async () => {
        const before = await snapshot();
        const client = new ApiClient(app.url);
        const authUrl = await startAt(client, 'test');
        const callback = new URL(await actAtProvider(authUrl.href, `s-${unique()}`, callbackPrefix));
        callback.searchParams.set('state', 'forged-state-value');
        await refused(await deliver(client, callback.href), 'oidc_callback_invalid', before);
      });

      it('refuses a callback delivered to a browser that never started one', async () => {
        const before = await snapshot();
        const victim = new ApiClient(app.url);
        const attacker = new ApiClient(app.url);
        const authUrl = await startAt(attacker, 'test');
        const callback = await actAtProvider(authUrl.href, `x-${unique()}`, callbackPrefix);
        await refused(await deliver(victim, callback), 'oidc_callback_invalid', before);
      });

      it('refuses a replayed code, even inside a new request of the same browser', async () => {
        const client = new ApiClient(app.url);
        const login = `r-${unique()}`;
        const authUrl = await startAt(client, 'test');
        const callback = new URL(await actAtProvider(authUrl.href, login, callbackPrefix));
        expect(await deliver(client, callback.href)).to.equal('/welcome');
        expect(await deliver(client, callback.href)).to.match(/error=oidc_callback_invalid/);
        // A fresh request gives the browser new state; the old code with that state is still refused.
        const attacker = new ApiClient(app.url);
        const fresh = await startAt(attacker, 'test');
        callback.searchParams.set('state', fresh.searchParams.get('state') ?? '');
        const before = await snapshot();
        await refused(await deliver(attacker, callback.href), 'oidc_callback_invalid', before);
      });

      it('reports denied consent', async () => {
        const before = await snapshot();
        const client = new ApiClient(app.url);
        const authUrl = await startAt(client, 'test');
        const denied = new URL(callbackPrefix);
        denied.searchParams.set('error', 'access_denied');
        denied.searchParams.set('state', authUrl.searchParams.get('state') ?? '');
        denied.searchParams.set('iss', provider.issuer);
        await refused(await deliver(client, denied.href), 'oidc_denied', before);
      });

      it('reports a provider that is down', async () => {
        const before = await snapshot();
        const client = new ApiClient(app.url);
        const authUrl = await startAt(client, 'test');
        const callback = await actAtProvider(authUrl.href, `d-${unique()}`, callbackPrefix);
        await provider.down();
        try {
          await refused(await deliver(client, callback), 'oidc_provider_unreachable', before);
        } finally {
          await provider.up();
        }
      });

      it('reports a provider unreachable at discovery, and still starts', async () => {
        const deadPort = await freePort();
        const dead = await startTestApp({
          OIDC_PROVIDERS: JSON.stringify([
            {
              id: 'gone',
              issuer: `http://127.0.0.1:${deadPort}`,
              clientId: 'a',
              clientSecret: 'b',
              name: { es: 'Ido', pt: 'Ido', en: 'Gone', fr: 'Parti' },
            },
          ]),
        });
        try {
          const client = new ApiClient(dead.url);
          const res = await client.get('/auth/oidc/gone');
          expect(res.status).to.equal(303);
          expect(res.headers.location).to.equal('/signin?error=oidc_provider_unreachable');
          expect((await client.get('/auth/oidc/nobody')).headers.location).to.equal(
            '/signin?error=not_found',
          );
        } finally {
          await dead.dispose();
        }
      });
    });

    describe('linking and unlinking in settings', () => {
      it('links only on the signed-in member’s request, and refuses removing the last sign-in method', async () => {
        const email = `linker-${unique()}@example.org`;
        const client = new ApiClient(app.url);
        await client.send('post', '/api/v1/auth/register', {
          email,
          password: 'a long local passphrase',
          displayName: 'Linker',
        });
        await client.session();
        expect(
          (await new ApiClient(app.url).send('post', '/api/v1/me/identities/test/link')).status,
        ).to.equal(401);
        // Linking adds a way into the account: it asks for the password again first.
        const refused = await client.send('post', '/api/v1/me/identities/test/link');
        expect([refused.status, refused.body.error.code]).to.deep.equal([403, 'reauthentication_required']);
        expect(
          (await client.send('post', '/api/v1/me/reauthentication', { password: 'a long local passphrase' }))
            .status,
        ).to.equal(200);
        expect((await client.send('post', '/api/v1/me/identities/nope/link')).status).to.equal(404);
        const start = await client.send('post', '/api/v1/me/identities/test/link');
        expect(start.body).to.deep.equal({ redirectTo: '/auth/oidc/test' });
        const login = `l-${unique()}`;
        const { landing } = await roundTrip(login, client);
        expect(landing).to.equal('/settings/security?linked=test');
        const list = await client.get('/api/v1/me/identities').expect(200);
        expect(list.body.items[0]).to.include({ provider: 'test', linked: true });

        // Signing in through the provider now reaches the same account.
        const other = await roundTrip(login);
        const me = (await client.session()).user?.id;
        expect((await other.client.session()).user?.id).to.equal(me);

        // Unlink works while the password remains; an account whose only method is the provider cannot.
        expect((await client.send('delete', '/api/v1/me/identities/test')).status).to.equal(204);
        expect((await client.send('delete', '/api/v1/me/identities/test')).status).to.equal(404);
        const onlyProvider = await roundTrip(`o-${unique()}`);
        await onlyProvider.client.session();
        const last = await onlyProvider.client.send('delete', '/api/v1/me/identities/test');
        expect(last.status).to.equal(409);
        expect(last.body.error.code).to.equal('last_sign_in_method');
      });
    });

    it('lets a member without a password prove it is them at their provider before a sensitive action', async () => {
      const login = `reauth-${unique()}`;
      const { client } = await roundTrip(login);
      const id = (await client.session()).user?.id ?? '';
      // As if the sign-in were more than ten minutes ago.
      await app.db.execute(
        sql`update session set sess = (sess::jsonb - 'reauthenticatedAt')::json where member_id = ${id}`,
      );
      const refused = await client.send('post', '/api/v1/me/two-factor/setup');
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('reauthentication_required');
      const status = await client.get('/api/v1/me/reauthentication').expect(200);
      expect(status.body).to.deep.include({ password: false, secondFactor: false, providerConfirmed: false });
      expect(status.body.providers).to.deep.equal([{ id: 'test', name: 'Proveedor de prueba' }]);
      // No password to give: the proof starts at the provider.
      expect((await client.send('post', '/api/v1/me/reauthentication', {})).status).to.equal(403);
      expect(
        (await client.send('post', '/api/v1/me/reauthentication/test', { returnTo: 'https://evil.example' }))
          .status,
      ).to.equal(400);
      expect(
        (await client.send('post', '/api/v1/me/reauthentication/nope', { returnTo: '/settings/security' }))
          .status,
      ).to.equal(404);

      // Another provider account than the member's proves nothing.
      const other = `someone-else-${unique()}`;
      await client.send('post', '/api/v1/me/reauthentication/test', { returnTo: '/settings/security' });
      const wrong = await roundTrip(other, client);
      expect(wrong.landing).to.equal('/settings/security?error=reauthentication_mismatch');
      expect((await client.session()).user?.id).to.equal(id);

      const start = await client.send('post', '/api/v1/me/reauthentication/test', {
        returnTo: '/settings/data',
      });
      expect(start.body).to.deep.equal({ redirectTo: '/auth/oidc/test' });
      const back = await roundTrip(login, client);
      // A new sign-in at the provider, not its remembered session.
      expect(back.authUrl.searchParams.get('prompt')).to.equal('login');
      expect(back.landing).to.equal('/settings/data?reauth=test');
      expect((await client.get('/api/v1/me/reauthentication').expect(200)).body.providerConfirmed).to.equal(
        true,
      );
      const proof = await client.send('post', '/api/v1/me/reauthentication', {});
      expect(proof.status).to.equal(200);
      expect(proof.body.freshUntil).to.be.a('string');
      expect((await client.send('post', '/api/v1/me/two-factor/setup')).status).to.equal(200);
    });

    it('sends staff without a second factor to enrol, and asks enrolled staff for their code', async () => {
      const login = `staff-${unique()}`;
      const first = await roundTrip(login);
      const id = (await first.client.session()).user?.id ?? '';
      await app.db.update(members).set({ role: 'moderator' }).where(eq(members.id, id));

      const staff = await roundTrip(login);
      expect(staff.landing).to.equal('/settings/security');
      const session = await staff.client.session();
      expect(session.user).to.include({ id, role: 'moderator' });
      expect(session.twoFactor).to.deep.equal({ enabled: false, required: true });

      const { secret } = await enrolTwoFactor(staff.client);
      const enrolled = await roundTrip(login);
      expect(enrolled.landing).to.equal('/signin');
      expect(await enrolled.client.session()).to.include({ user: null, secondFactorPending: true });
      const done = await enrolled.client.send('post', '/api/v1/auth/login/second-factor', {
        code: totpCode(secret, 1),
      });
      expect(done.status).to.equal(200);
      expect((await enrolled.client.session()).twoFactor).to.deep.equal({ enabled: true, required: true });
    });

    it('asks for the second factor after the provider when the member enrolled one', async () => {
      const login = `tf-${unique()}`;
      const first = await roundTrip(login);
      await first.client.session();
      const { secret } = await enrolTwoFactor(first.client);
      const { client, landing } = await roundTrip(login);
      expect(landing).to.equal('/signin');
      const pending = await client.session();
      expect(pending).to.include({ user: null, secondFactorPending: true });
      const done = await client.send('post', '/api/v1/auth/login/second-factor', {
        code: totpCode(secret, 1),
      });
      expect(done.status).to.equal(200);
    });
  });
