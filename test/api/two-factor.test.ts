import { expect } from 'chai';
import express from 'express';
import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { memberTotp, recoveryCodes } from '@server/db/schema';
import { requireStaff } from '@server/http/guards';
import { createTwoFactorService } from '@server/auth/two-factor.service';
import { createSecrets } from '@server/auth/secrets';
import { createAuthLimits, DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { findMemberById } from '@server/members/member.queries';
import { AppError } from '@server/errors';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor, totpCode } from '../helpers/totp';

describe('two-factor authentication', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  const signedIn = async (role: 'member' | 'moderator' | 'admin' = 'member', lang?: string) => {
    const member = await buildMember({ role });
    const client = new ApiClient(app.url, undefined, lang);
    await client.signIn(member.email, member.password);
    return { member, client };
  };

  describe('enrolment', () => {
    it('refuses visitors', async () => {
      const client = new ApiClient(app.url);
      expect((await client.send('post', '/api/v1/me/two-factor/setup')).status).to.equal(401);
      expect((await client.get('/api/v1/me/two-factor')).status).to.equal(401);
    });

    it('gives a QR code, enables on the first right code, and hands out 10 hashed single-use recovery codes', async () => {
      const { member, client } = await signedIn();
      const setup = await client.send('post', '/api/v1/me/two-factor/setup');
      expect(setup.status).to.equal(200);
      expect(setup.body.qrCode).to.match(/^data:image\/svg\+xml;base64,/);
      expect(setup.body.otpauthUrl).to.match(/^otpauth:\/\/totp\//);
      const [pending] = await app.db.select().from(memberTotp).where(eq(memberTotp.memberId, member.id));
      expect(pending?.enabledAt).to.equal(null);
      expect(pending?.secretEncrypted).not.to.include(setup.body.secret);

      const wrong = await client.send('post', '/api/v1/me/two-factor/confirm', { code: '000000' });
      expect(wrong.status).to.equal(400);
      expect(wrong.body.error.code).to.equal('second_factor_invalid');

      const confirm = await client.send('post', '/api/v1/me/two-factor/confirm', {
        code: totpCode(setup.body.secret),
      });
      expect(confirm.status).to.equal(200);
      const codes = confirm.body.recoveryCodes as string[];
      expect(codes).to.have.length(10);
      expect(new Set(codes).size).to.equal(10);
      const stored = await app.db.select().from(recoveryCodes).where(eq(recoveryCodes.memberId, member.id));
      expect(stored).to.have.length(10);
      for (const row of stored) expect(codes).not.to.include(row.codeHash);
      await client.session();
      const status = await client.get('/api/v1/me/two-factor').expect(200);
      expect(status.body).to.deep.equal({ enabled: true, required: false, recoveryCodesLeft: 10 });
    });

    it('rejects malformed codes with a localized field error', async () => {
      const { client } = await signedIn('member', 'pt');
      const res = await client.send('post', '/api/v1/me/two-factor/confirm', { code: 'abc' });
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
    });
  });

  describe('sign-in with a second factor', () => {
    it('asks for the code after the password, and the session is not signed in until it passes', async () => {
      const { member, client } = await signedIn();
      const { secret } = await enrolTwoFactor(client);
      const fresh = new ApiClient(app.url, undefined, 'fr');
      const login = await fresh.signIn(member.email, member.password);
      expect(login.status).to.equal(200);
      expect(login.body).to.deep.equal({ user: null, secondFactorRequired: true });
      const pending = await fresh.session();
      expect(pending.user).to.equal(null);
      expect(pending.secondFactorPending).to.equal(true);
      expect((await fresh.get('/api/v1/me/sessions')).status).to.equal(401);

      const wrong = await fresh.send('post', '/api/v1/auth/login/second-factor', { code: '123456' });
      expect(wrong.status).to.equal(400);
      expect(wrong.body.error.message).to.include("n'est pas valide");

      // A code already used (at enrolment) is refused: the next one works.
      const ok = await fresh.send('post', '/api/v1/auth/login/second-factor', { code: totpCode(secret, 1) });
      expect(ok.status).to.equal(200);
      expect(ok.body.user.id).to.equal(member.id);
      const after = await fresh.session();
      expect(after.user?.id).to.equal(member.id);
      expect(after.twoFactor).to.deep.equal({ enabled: true, required: false });
    });

    it('accepts a recovery code once', async () => {
      const { member, client } = await signedIn();
      const { recoveryCodes: codes } = await enrolTwoFactor(client);
      const first = new ApiClient(app.url);
      await first.signIn(member.email, member.password);
      const used = await first.send('post', '/api/v1/auth/login/second-factor', { recoveryCode: codes[0] });
      expect(used.status).to.equal(200);

      const second = new ApiClient(app.url);
      await second.signIn(member.email, member.password);
      const again = await second.send('post', '/api/v1/auth/login/second-factor', { recoveryCode: codes[0] });
      expect(again.status).to.equal(400);
      expect(again.body.error.code).to.equal('second_factor_invalid');
      expect((await second.session()).user).to.equal(null);
    });

    it('refuses the code step without a pending sign-in', async () => {
      const client = new ApiClient(app.url, undefined, 'es');
      const res = await client.send('post', '/api/v1/auth/login/second-factor', { code: '123456' });
      expect(res.status).to.equal(401);
      expect(res.body.error.code).to.equal('second_factor_expired');
    });

    it('rate-limits wrong codes per account, even with the right code afterwards', async () => {
      const { member, client } = await signedIn();
      const { secret } = await enrolTwoFactor(client);
      const attacker = new ApiClient(app.url, undefined, 'en');
      await attacker.signIn(member.email, member.password);
      for (let i = 0; i < DEFAULT_AUTH_LIMITS.secondFactorFailuresPerAccount; i += 1) {
        const res = await attacker.send('post', '/api/v1/auth/login/second-factor', { code: '000001' });
        expect(res.status).to.equal(400);
      }
      const limited = await attacker.send('post', '/api/v1/auth/login/second-factor', {
        code: totpCode(secret, 1),
      });
      expect(limited.status).to.equal(429);
      expect(limited.body.error.code).to.equal('rate_limited');
      expect(Number(limited.headers['retry-after'])).to.be.greaterThan(0);
      expect((await attacker.session()).user).to.equal(null);
    });
  });

  describe('changes', () => {
    it('lets a member turn it off with a code, and refuses staff', async () => {
      const { client } = await signedIn();
      await enrolTwoFactor(client);
      const off = await client.send('post', '/api/v1/me/two-factor/disable');
      expect(off.status).to.equal(204);
      await client.session();
      expect((await client.get('/api/v1/me/two-factor').expect(200)).body.enabled).to.equal(false);

      const staff = await signedIn('moderator');
      await enrolTwoFactor(staff.client);
      const refused = await staff.client.send('post', '/api/v1/me/two-factor/disable');
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('two_factor_required_for_staff');
    });

    it('regenerates recovery codes, and the old ones stop working', async () => {
      const { member, client } = await signedIn();
      const { recoveryCodes: old } = await enrolTwoFactor(client);
      const res = await client.send('post', '/api/v1/me/two-factor/recovery-codes');
      expect(res.status).to.equal(200);
      expect(res.body.recoveryCodes).to.have.length(10);
      const other = new ApiClient(app.url);
      await other.signIn(member.email, member.password);
      expect(
        (await other.send('post', '/api/v1/auth/login/second-factor', { recoveryCode: old[1] })).status,
      ).to.equal(400);
      expect(
        (
          await other.send('post', '/api/v1/auth/login/second-factor', {
            recoveryCode: res.body.recoveryCodes[0],
          })
        ).status,
      ).to.equal(200);
    });
  });

  describe('requireStaff()', () => {
    const staffApp = () => {
      const secrets = createSecrets('a-test-secret-that-is-long-enough-0123456789');
      const twoFactor = createTwoFactorService(app.db, secrets, createAuthLimits(DEFAULT_AUTH_LIMITS));
      const server = express();
      server.use((req, _res, next) => {
        const id = req.get('x-member');
        if (!id) return next();
        findMemberById(app.db, id).then((member) => {
          req.user = member;
          next();
        }, next);
      });
      server.get('/staff-tool', requireStaff(twoFactor), (_req, res) => res.json({ ok: true }));
      server.use(
        (error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
          res.status(error instanceof AppError ? error.status : 500).json({ code: (error as AppError).code });
        },
      );
      return server;
    };

    it('refuses visitors and members, and staff until they enrol', async () => {
      const server = staffApp();
      await supertest(server).get('/staff-tool').expect(401);
      const member = await buildMember();
      await supertest(server)
        .get('/staff-tool')
        .set('x-member', member.id)
        .expect(403, { code: 'forbidden' });
      for (const role of ['moderator', 'admin'] as const) {
        const { member: staff, client } = await signedIn(role);
        const session = await client.session();
        expect(session.twoFactor).to.deep.equal({ enabled: false, required: true });
        await supertest(server)
          .get('/staff-tool')
          .set('x-member', staff.id)
          .expect(403, { code: 'second_factor_required' });
        await enrolTwoFactor(client);
        await supertest(server).get('/staff-tool').set('x-member', staff.id).expect(200);
      }
    });
  });
});
