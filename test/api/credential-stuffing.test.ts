import { expect } from 'chai';
import { DEFAULT_AUTH_LIMITS } from '@server/auth/rate-limits';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp';

const BASE = 'http://agora.test';
const BUDGET = DEFAULT_AUTH_LIMITS.failuresPerAccountPerHour;
/** Attackers beyond the budget: each of their guesses must be refused without a check. */
const EXTRA = 50;

/** A client at an address of its own, as the app sees it behind its trusted proxy (`X-Forwarded-For`). */
const from = (app: TestApp, n: number) =>
  new ApiClient(app.url, `10.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`);

/** A sign-in attempt; the CSRF token is fetched again after a success (it rotates). */
async function login(client: ApiClient, email: string, password: string) {
  const res = await client.send('post', '/api/v1/auth/login', { email, password });
  if (res.status === 200) await client.session();
  return res;
}

describe('credential stuffing: many addresses against one account', function () {
  this.timeout(180_000);
  let app: TestApp;
  let smtp: TestSmtp;

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp({ SMTP_URL: smtp.url, BASE_URL: BASE }, { outbox: { autoStart: false } });
  });
  after(async () => {
    await app?.dispose();
    await smtp?.close();
  });

  it(`lets at most ${BUDGET} failed attempts an hour reach the account, and its owner still in`, async () => {
    const member = await buildMember({}, app);

    // Last week the owner signed in from their laptop, and is signed in on their phone.
    const laptop = new ApiClient(app.url, '192.0.2.10');
    expect((await login(laptop, member.email, member.password)).status).to.equal(200);
    expect((await laptop.send('post', '/api/v1/auth/logout')).status).to.equal(204);
    await laptop.session();
    const phone = new ApiClient(app.url, '192.0.2.11');
    expect((await login(phone, member.email, member.password)).status).to.equal(200);

    // A botnet: one guess from each of many addresses, ten at a time.
    const statuses: number[] = [];
    for (let start = 0; start < BUDGET + EXTRA; start += 10) {
      const batch = Array.from({ length: 10 }, (_, i) => start + i);
      for (const res of await Promise.all(
        batch.map((n) => login(from(app, n), member.email, `Summer${2000 + n}!`)),
      )) {
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.body.error.code).to.equal('rate_limited');
          expect(Number(res.headers['retry-after'])).to.be.within(1, 3600);
        }
      }
    }
    const count = (status: number) => statuses.filter((s) => s === status).length;
    expect({ checked: count(401), refused: count(429) }).to.deep.equal({ checked: BUDGET, refused: EXTRA });

    // Past the budget even the right password is refused from a client the account does not know,
    // whatever its address (the laptop's own address included), and with a device cookie of another
    // account (the attacker's own).
    for (const stranger of [from(app, 60_000), new ApiClient(app.url, '192.0.2.10')]) {
      expect((await login(stranger, member.email, member.password)).status).to.equal(429);
    }
    const attacker = await buildMember({}, app);
    const attackerBrowser = from(app, 60_001);
    expect((await login(attackerBrowser, attacker.email, attacker.password)).status).to.equal(200);
    expect((await login(attackerBrowser, member.email, member.password)).status).to.equal(429);

    // The owner's laptop is recognised: it signs in; its own guesses are counted apart, and a wrong
    // password there is still just a wrong password.
    expect((await login(laptop, member.email, 'not my password')).status).to.equal(401);
    expect((await login(laptop, member.email, member.password)).status).to.equal(200);
    // The phone's session confirms the password for a sensitive action.
    const proof = await phone.send('post', '/api/v1/me/reauthentication', { password: member.password });
    expect(proof.status, JSON.stringify(proof.body)).to.equal(200);
  });

  it('a password reset frees the account: the new password works from any browser at once', async () => {
    const member = await buildMember({}, app);
    const statuses = await Promise.all(
      Array.from({ length: BUDGET + 1 }, (_, n) => login(from(app, 100_000 + n), member.email, `guess ${n}`)),
    );
    expect(statuses.filter((res) => res.status === 401)).to.have.length(BUDGET);
    const newBrowser = new ApiClient(app.url, '192.0.2.20');
    expect((await login(newBrowser, member.email, member.password)).status).to.equal(429);

    await newBrowser.send('post', '/api/v1/auth/password/forgot', { email: member.email });
    await app.background.idle();
    await app.mailWorker.runOnce();
    const [mail] = await smtp.waitFor((m) => m.to === member.email);
    const link = linkIn(mail?.parsed.text, `${BASE}/reset-password?token=`);
    const token = new URL(link).searchParams.get('token') ?? '';
    const password = 'a brand new and long passphrase';
    expect(
      (await newBrowser.send('post', '/api/v1/auth/password/reset', { token, password })).status,
    ).to.equal(204);
    expect((await login(newBrowser, member.email, password)).status).to.equal(200);
  });
});
