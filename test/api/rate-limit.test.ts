import { expect } from 'chai';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

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
