import { expect } from 'chai';
import type { Response } from 'supertest';
import { sql } from 'drizzle-orm';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { REAUTH_WINDOW_MINUTES } from '@shared/api/security';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique, type BuiltMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor, totpCode } from '../helpers/totp';

const MINUTE = 60_000;

describe('fresh proof of identity before sensitive actions', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  /**
   * Moves the member's recorded proofs `ms` into the past, as if that much time had gone by since the
   * member signed in or re-authenticated (the server's clock is not touched).
   */
  const ageProof = async (memberId: string, ms: number) => {
    await app.db.execute(sql`
      update session
         set sess = (sess::jsonb || jsonb_build_object('reauthenticatedAt', (sess->>'reauthenticatedAt')::bigint - ${ms}::bigint))::json
       where member_id = ${memberId} and sess->>'reauthenticatedAt' is not null`);
  };

  /** A member signed in `minutesAgo` minutes ago (the sign-in was their last proof). */
  const signedIn = async (minutesAgo: number, member?: BuiltMember) => {
    const who = member ?? (await buildMember({ locale: 'en' }));
    const client = new ApiClient(app.url, undefined, 'en');
    await client.signIn(who.email, who.password);
    await ageProof(who.id, minutesAgo * MINUTE);
    return { member: who, client };
  };

  const expectRefused = (res: { status: number; body: { error?: { code: string; message: string } } }) => {
    expect(res.status).to.equal(403);
    expect(res.body.error?.code).to.equal('reauthentication_required');
    expect(res.body.error?.message).to.match(/^Confirm it is you/);
  };

  describe('the sensitive routes', () => {
    /** Each sensitive route, its request, what success answers, and how to see that nothing changed. */
    const routes: {
      name: string;
      twoFactor: boolean;
      send(client: ApiClient, member: BuiltMember): Promise<Response>;
      success: number;
      unchanged?(member: BuiltMember): Promise<void>;
    }[] = [
      {
        name: 'DELETE /me (account deletion)',
        twoFactor: false,
        send: (client, member) => client.send('delete', '/api/v1/me', { confirmHandle: member.handle }),
        success: 204,
        async unchanged(member) {
          const rows = await app.db.execute(sql`select 1 from members where id = ${member.id}`);
          expect(rows.rows).to.have.length(1);
        },
      },
      {
        name: 'POST /me/email (e-mail change)',
        twoFactor: false,
        send: (client) => client.send('post', '/api/v1/me/email', { email: `new-${unique()}@example.org` }),
        success: 202,
        async unchanged(member) {
          const rows = await app.db.execute(
            sql`select 1 from account_tokens where member_id = ${member.id} and purpose = 'email_change'`,
          );
          expect(rows.rows).to.have.length(0);
        },
      },
      {
        name: 'POST /me/two-factor/setup (turning it on)',
        twoFactor: false,
        send: (client) => client.send('post', '/api/v1/me/two-factor/setup'),
        success: 200,
      },
      {
        name: 'POST /me/two-factor/disable (turning it off)',
        twoFactor: true,
        send: (client) => client.send('post', '/api/v1/me/two-factor/disable'),
        success: 204,
        async unchanged(member) {
          const rows = await app.db.execute(
            sql`select 1 from member_totp where member_id = ${member.id} and enabled_at is not null`,
          );
          expect(rows.rows).to.have.length(1);
        },
      },
      {
        name: 'POST /me/two-factor/recovery-codes (new recovery codes)',
        twoFactor: true,
        send: (client) => client.send('post', '/api/v1/me/two-factor/recovery-codes'),
        success: 200,
      },
    ];

    for (const route of routes) {
      it(`${route.name}: refused without a fresh proof, accepted with one`, async () => {
        const { member, client } = await signedIn(0);
        const secret = route.twoFactor ? (await enrolTwoFactor(client)).secret : undefined;
        await ageProof(member.id, (REAUTH_WINDOW_MINUTES + 1) * MINUTE);
        expectRefused(await route.send(client, member));
        await route.unchanged?.(member);

        const proof = await client.send('post', '/api/v1/me/reauthentication', {
          password: member.password,
          ...(secret && { code: totpCode(secret, 1) }),
        });
        expect(proof.status, JSON.stringify(proof.body)).to.equal(200);
        expect(Date.parse(proof.body.freshUntil)).to.be.closeTo(
          Date.now() + REAUTH_WINDOW_MINUTES * MINUTE,
          60_000,
        );
        expect((await route.send(client, member)).status).to.equal(route.success);
      });
    }

    it('accepts the sign-in as a proof for ten minutes, then refuses', async () => {
      const { member, client } = await signedIn(REAUTH_WINDOW_MINUTES - 1);
      const ok = await client.send('post', '/api/v1/me/email', { email: `new-${unique()}@example.org` });
      expect(ok.status).to.equal(202);
      await ageProof(member.id, 2 * MINUTE);
      expectRefused(await client.send('post', '/api/v1/me/email', { email: `new-${unique()}@example.org` }));
      const status = await client.get('/api/v1/me/reauthentication').expect(200);
      expect(status.body).to.deep.include({ freshUntil: null, password: true, secondFactor: false });
    });

    it('gives a member who only registered no proof', async () => {
      const client = new ApiClient(app.url, undefined, 'en');
      const registered = await client.send('post', '/api/v1/auth/register', {
        email: `registered-${unique()}@example.org`,
        password: 'una clave larga y rara',
        displayName: 'Registered Member',
      });
      expect(registered.status).to.equal(201);
      await client.session();
      expectRefused(await client.send('post', '/api/v1/me/two-factor/setup'));
    });
  });

  describe('POST /me/reauthentication', () => {
    it('refuses visitors', async () => {
      const visitor = new ApiClient(app.url);
      expect((await visitor.send('post', '/api/v1/me/reauthentication', { password: 'x' })).status).to.equal(
        401,
      );
      expect((await visitor.get('/api/v1/me/reauthentication')).status).to.equal(401);
    });

    it('asks for the password, then the code when a second factor is enrolled; a wrong one proves nothing', async () => {
      const { member, client } = await signedIn(0);
      const { secret } = await enrolTwoFactor(client);
      await ageProof(member.id, (REAUTH_WINDOW_MINUTES + 1) * MINUTE);
      const status = await client.get('/api/v1/me/reauthentication').expect(200);
      expect(status.body).to.deep.equal({
        freshUntil: null,
        password: true,
        secondFactor: true,
        providers: [],
        providerConfirmed: false,
      });

      const missing = await client.send('post', '/api/v1/me/reauthentication', {});
      expect(missing.status).to.equal(400);
      expect(missing.body.error.fields.password.code).to.equal('required');
      const wrong = await client.send('post', '/api/v1/me/reauthentication', {
        password: 'not the password',
        code: totpCode(secret, 1),
      });
      expect(wrong.status).to.equal(400);
      expect(wrong.body.error.fields.password.code).to.equal('password_incorrect');
      const noCode = await client.send('post', '/api/v1/me/reauthentication', { password: member.password });
      expect(noCode.status).to.equal(400);
      expect(noCode.body.error.fields.code.code).to.equal('required');
      const wrongCode = await client.send('post', '/api/v1/me/reauthentication', {
        password: member.password,
        code: '000000',
      });
      expect(wrongCode.status).to.equal(400);
      expect(wrongCode.body.error.code).to.equal('second_factor_invalid');
      const malformed = await client.send('post', '/api/v1/me/reauthentication', {
        password: member.password,
        code: '12',
        extra: true,
      });
      expect(malformed.status).to.equal(400);
      expectRefused(await client.send('post', '/api/v1/me/two-factor/disable'));

      const ok = await client.send('post', '/api/v1/me/reauthentication', {
        password: member.password,
        code: totpCode(secret, 1),
      });
      expect(ok.status).to.equal(200);
      expect(ok.body.freshUntil).to.be.a('string');
    });

    it('counts wrong passwords with failed sign-ins from the same address', async () => {
      const { member, client } = await signedIn(REAUTH_WINDOW_MINUTES + 1);
      for (let i = 0; i < DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp; i += 1) {
        const res = await client.send('post', '/api/v1/me/reauthentication', { password: `guess ${i}` });
        expect(res.status, `guess ${i}`).to.equal(400);
      }
      const limited = await client.send('post', '/api/v1/me/reauthentication', { password: member.password });
      expect(limited.status).to.equal(429);
      expect(limited.body.error.code).to.equal('rate_limited');
      const signIn = await new ApiClient(app.url, client.ip).send('post', '/api/v1/auth/login', {
        email: member.email,
        password: member.password,
      });
      expect(signIn.status).to.equal(429);
      expectRefused(await client.send('post', '/api/v1/me/two-factor/setup'));
    });

    it('counts wrong codes with the sign-in second-factor step', async () => {
      const { member, client } = await signedIn(0);
      const { secret } = await enrolTwoFactor(client);
      for (let i = 0; i < DEFAULT_AUTH_LIMITS.secondFactorFailuresPerAccount; i += 1) {
        const res = await client.send('post', '/api/v1/me/reauthentication', {
          password: member.password,
          code: String(100000 + i),
        });
        expect(res.status, `code ${i}`).to.equal(400);
      }
      const other = new ApiClient(app.url);
      await other.signIn(member.email, member.password);
      const limited = await other.send('post', '/api/v1/auth/login/second-factor', {
        code: totpCode(secret, 1),
      });
      expect(limited.status).to.equal(429);
    });

    it('keeps the proof across the new session id of a credential change', async () => {
      const { member, client } = await signedIn(0);
      const changed = await client.send('post', '/api/v1/me/password', {
        currentPassword: member.password,
        newPassword: 'otra clave muy segura',
      });
      expect(changed.status).to.equal(200);
      await client.session();
      expect((await client.send('post', '/api/v1/me/two-factor/setup')).status).to.equal(200);
    });
  });
});
