import { expect } from 'chai';
import { createClient } from 'redis';
import type { Response } from 'supertest';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor } from '../helpers/totp';

describe('sign-in and registration rate limits', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  it('slows a guesser on one account from one address, not the owner elsewhere', async () => {
    const member = await buildMember();
    const attacker = new ApiClient(app.url, undefined, 'es');
    for (let i = 0; i < DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp; i += 1) {
      const res = await attacker.send('post', '/api/v1/auth/login', {
        email: member.email,
        password: `guess ${i}`,
      });
      expect(res.status).to.equal(401);
    }
    const blocked = await attacker.send('post', '/api/v1/auth/login', {
      email: member.email,
      password: member.password,
    });
    expect(blocked.status).to.equal(429);
    expect(blocked.body.error.code).to.equal('rate_limited');
    expect(blocked.body.error.message).to.equal(
      'Demasiados intentos. Espera un momento e inténtalo de nuevo.',
    );
    expect(Number(blocked.headers['retry-after'])).to.be.within(1, 900);
    expect((await attacker.session()).user).to.equal(null);

    const owner = new ApiClient(app.url);
    const res = await owner.send('post', '/api/v1/auth/login', {
      email: member.email,
      password: member.password,
    });
    expect(res.status).to.equal(200);
  });

  it('clears an account’s failures after a successful sign-in', async () => {
    const member = await buildMember();
    const client = new ApiClient(app.url);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp - 1; i += 1) {
        await client.send('post', '/api/v1/auth/login', { email: member.email, password: 'wrong password' });
      }
      const ok = await client.send('post', '/api/v1/auth/login', {
        email: member.email,
        password: member.password,
      });
      expect(ok.status, `round ${round}`).to.equal(200);
      await client.session(); // the CSRF token rotates at sign-in
    }
  });

  it('stops one address from spraying many accounts', async () => {
    const sprayer = new ApiClient(app.url);
    let lastStatus = 0;
    for (let i = 0; i < DEFAULT_AUTH_LIMITS.failuresPerIpPerHour + 1; i += 1) {
      const res = await sprayer.send('post', '/api/v1/auth/login', {
        email: `target-${i}-${unique()}@example.org`,
        password: 'Summer2026!',
      });
      lastStatus = res.status;
    }
    expect(lastStatus).to.equal(429);
  });

  it('lets an office of 30 behind one address register in the same hour, and stops a flood', async function () {
    this.timeout(60_000);
    const officeIp = '203.0.113.77';
    for (let i = 0; i < 30; i += 1) {
      const colleague = new ApiClient(app.url, officeIp);
      const res = await colleague.send('post', '/api/v1/auth/register', {
        email: `colleague-${i}-${unique()}@example.org`,
        password: 'ministerio de planificación 2026',
        displayName: `Colleague ${i}`,
      });
      expect(res.status, `colleague ${i}`).to.equal(201);
    }
    let status = 201;
    for (let i = 30; i < DEFAULT_AUTH_LIMITS.registrationsPerIpPerHour + 1 && status === 201; i += 1) {
      const res = await new ApiClient(app.url, officeIp).send('post', '/api/v1/auth/register', {
        email: `flood-${i}-${unique()}@example.org`,
        password: 'ministerio de planificación 2026',
        displayName: `Flood ${i}`,
      });
      status = res.status;
    }
    expect(status).to.equal(429);
  });
});

/**
 * Simultaneous attempts: each one is counted before its (slow) check, so a burst is held to the limit
 * instead of every request reading the same "not yet" and all being checked.
 */
function burstSuite(appOf: () => TestApp) {
  const statuses = (responses: Response[]) =>
    responses.reduce<Record<number, number>>((counts, res) => {
      counts[res.status] = (counts[res.status] ?? 0) + 1;
      return counts;
    }, {});

  it('checks at most the limit of 40 simultaneous wrong passwords for one account from one address', async function () {
    this.timeout(60_000);
    const app = appOf();
    const member = await buildMember({}, app);
    const attacker = new ApiClient(app.url);
    await attacker.session();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attacker.send('post', '/api/v1/auth/login', { email: member.email, password: `guess ${i}` }),
      ),
    );
    expect(statuses(responses)).to.deep.equal({
      401: DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp,
      429: 40 - DEFAULT_AUTH_LIMITS.failuresPerAccountAndIp,
    });
  });

  it('checks at most the limit of 30 simultaneous wrong codes on one pending sign-in', async function () {
    this.timeout(60_000);
    const app = appOf();
    const member = await buildMember({}, app);
    const owner = new ApiClient(app.url);
    await owner.signIn(member.email, member.password);
    await enrolTwoFactor(owner);
    const attacker = new ApiClient(app.url);
    expect((await attacker.signIn(member.email, member.password)).body.secondFactorRequired).to.equal(true);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attacker.send('post', '/api/v1/auth/login/second-factor', { code: String(100000 + i) }),
      ),
    );
    expect(statuses(responses)).to.deep.equal({
      400: DEFAULT_AUTH_LIMITS.secondFactorFailuresPerAccount,
      429: 30 - DEFAULT_AUTH_LIMITS.secondFactorFailuresPerAccount,
    });
  });
}

describe('bursts of simultaneous attempts', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });
  burstSuite(() => app);
});

describe('bursts of simultaneous attempts, counted in Redis', () => {
  // Keys of this run only, so runs in parallel on one Redis do not share counters.
  const keyPrefix = `agora-test:${unique()}:rl`;
  let app: TestApp | undefined;
  before(async function () {
    if (!process.env.REDIS_URL) return this.skip();
    this.timeout(60_000);
    app = await startTestApp({ REDIS_URL: process.env.REDIS_URL }, { authLimitKeyPrefix: keyPrefix });
  });
  after(async function () {
    this.timeout(30_000);
    if (!app || !process.env.REDIS_URL) return;
    await app.dispose();
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(keys);
    await redis.quit();
  });
  burstSuite(() => {
    if (!app) throw new Error('the Redis-backed app did not start');
    return app;
  });
});
