import { expect } from 'chai';
import { randomInt } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

const SIZES = {
  intervalSeconds: 0,
  newMemberIntervalSeconds: 0,
  previews: { points: 2, seconds: 60 },
  previewsPerAddress: { points: 3, seconds: 60 },
};

/** An address of its own per run, so counts left in Redis by an earlier run never apply. */
const freshIp = () => `203.0.${randomInt(0, 250)}.${randomInt(1, 250)}`;

/** A client of `app` from `ip`, signed in. */
async function signedInOn(app: TestApp, email: string, password: string, ip: string): Promise<ApiClient> {
  const client = new ApiClient(app.url, ip, 'fr');
  expect((await client.signIn(email, password)).status).to.equal(200);
  return client;
}

describe('previews are rate-limited like posting', () => {
  describe('in memory', () => {
    let app: TestApp;
    before(async function () {
      this.timeout(60_000);
      app = await startTestApp({}, { postLimits: SIZES });
    });
    after(() => app.dispose());

    it('per member: past the allowance a 429 with Retry-After and a localized message', async () => {
      const ip = freshIp();
      const member = await buildMember({ locale: 'fr' }, app);
      const client = await signedInOn(app, member.email, member.password, ip);
      for (let i = 0; i < 2; i += 1)
        expect((await client.send('post', '/api/v1/preview', { body: `*${i}*` })).status).to.equal(200);
      const refused = await client.send('post', '/api/v1/preview', { body: 'x' });
      expect(refused.status).to.equal(429);
      expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
      const body = refused.body as { error: { code: string; message: string } };
      expect(body.error.code).to.equal('rate_limited');
      expect(body.error.message).to.equal('Trop de tentatives. Patientez un instant puis réessayez.');
    });

    it('per address: members behind one address share its allowance', async () => {
      const ip = freshIp();
      const first = await buildMember({}, app);
      const second = await buildMember({}, app);
      const a = await signedInOn(app, first.email, first.password, ip);
      const b = await signedInOn(app, second.email, second.password, ip);
      expect((await a.send('post', '/api/v1/preview', { body: 'a' })).status).to.equal(200);
      expect((await a.send('post', '/api/v1/preview', { body: 'a' })).status).to.equal(200);
      expect((await b.send('post', '/api/v1/preview', { body: 'b' })).status).to.equal(200);
      expect((await b.send('post', '/api/v1/preview', { body: 'b' })).status).to.equal(429);
    });

    it('invalid drafts are refused before they count', async () => {
      const member = await buildMember({}, app);
      const client = await signedInOn(app, member.email, member.password, freshIp());
      for (let i = 0; i < 3; i += 1)
        expect((await client.send('post', '/api/v1/preview', { body: 7 })).status).to.equal(400);
      expect((await client.send('post', '/api/v1/preview', { body: 'ok' })).status).to.equal(200);
    });
  });

  describe('with REDIS_URL, shared by every process', () => {
    let one: TestApp;
    let two: TestApp;
    before(async function () {
      this.timeout(60_000);
      // Like the browser suites: run where a Redis server is named (CI does), skipped elsewhere.
      if (!process.env.REDIS_URL) return this.skip();
      const env = { REDIS_URL: process.env.REDIS_URL };
      one = await startTestApp(env, { postLimits: SIZES });
      two = await startTestApp(env, { postLimits: SIZES });
    });
    after(async () => {
      await one?.dispose();
      await two?.dispose();
    });

    it('previews counted on one process are refused on another', async () => {
      const ip = freshIp();
      const first = await buildMember({}, one);
      const second = await buildMember({}, two);
      const a = await signedInOn(one, first.email, first.password, ip);
      const b = await signedInOn(two, second.email, second.password, ip);
      expect((await a.send('post', '/api/v1/preview', { body: 'a' })).status).to.equal(200);
      expect((await a.send('post', '/api/v1/preview', { body: 'a' })).status).to.equal(200);
      expect((await b.send('post', '/api/v1/preview', { body: 'b' })).status).to.equal(200);
      const refused = await b.send('post', '/api/v1/preview', { body: 'b' });
      expect(refused.status).to.equal(429);
      expect(refused.headers['retry-after']).to.match(/^\d+$/);
    });
  });
});
