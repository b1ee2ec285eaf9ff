import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createClient } from 'redis';
import { rejection, retryAfter } from '../helpers/limits';
import { AppError } from '@server/errors';
import { createAuthLimits, DEFAULT_AUTH_LIMITS, type AuthLimitSizes } from '@server/auth/rate-limits';

/**
 * The limits on their own, in memory: what the API cannot show (how long a refusal asks to wait, which
 * counter refused, what a failing store does).
 */
const limitsOf = (sizes: Partial<AuthLimitSizes> = {}) =>
  createAuthLimits({ ...DEFAULT_AUTH_LIMITS, ...sizes });

const IP = '198.51.100.7';
const wrong = () => Promise.resolve(false);
const right = () => Promise.resolve(true);
const broken = () => Promise.reject(new Error('the check itself failed'));

describe('auth limits', () => {
  it('asks to wait until the refusing counter frees up: 15 minutes for an account, an hour for an address', async () => {
    const limits = limitsOf({ failuresPerAccountAndIp: 1, secondFactorFailuresPerAccount: 1 });
    expect(await limits.checkPassword(IP, 'ana@example.org', wrong)).to.equal(false);
    expect(await retryAfter(limits.checkPassword(IP, 'ana@example.org', right))).to.be.within(890, 900);
    expect(await limits.checkSecondFactor('member-1', wrong)).to.equal(false);
    expect(await retryAfter(limits.checkSecondFactor('member-1', right))).to.be.within(890, 900);

    const registrations = limitsOf({ registrationsPerIpPerHour: 1 });
    await registrations.consumeRegistration(IP);
    expect(await retryAfter(registrations.consumeRegistration(IP))).to.be.within(3590, 3600);
  });

  it('counts each account from an address apart, whatever the case of its e-mail', async () => {
    const limits = limitsOf({ failuresPerAccountAndIp: 2 });
    await limits.checkPassword(IP, 'ana@example.org', wrong);
    await limits.checkPassword(IP, 'ANA@example.org', wrong);
    expect(await retryAfter(limits.checkPassword(IP, 'Ana@Example.org', right))).to.be.within(890, 900);
    expect(await limits.checkPassword(IP, 'bea@example.org', right)).to.equal(true);
    expect(await limits.checkPassword('203.0.113.9', 'ana@example.org', right)).to.equal(true);
  });

  it('gives back what an attempt took when a later counter refuses it', async () => {
    // The address allows one failure, the account two: the second attempt takes the account's second
    // point, is refused by the address, and must give that point back. Otherwise the third attempt is
    // refused by the account (a 15-minute wait) instead of the address (an hour).
    const limits = limitsOf({ failuresPerIpPerHour: 1, failuresPerAccountAndIp: 2 });
    expect(await limits.checkPassword(IP, 'ana@example.org', wrong)).to.equal(false);
    expect(await retryAfter(limits.checkPassword(IP, 'ana@example.org', wrong))).to.be.above(3000);
    expect(await retryAfter(limits.checkPassword(IP, 'ana@example.org', wrong))).to.be.above(3000);
  });

  it('gives back every point when the check fails with an error: it guessed nothing', async () => {
    const limits = limitsOf({ failuresPerAccountAndIp: 2, failuresPerIpPerHour: 2 });
    for (let i = 0; i < 5; i += 1) {
      expect(await rejection(limits.checkPassword(IP, 'ana@example.org', broken))).to.have.property(
        'message',
        'the check itself failed',
      );
      expect(await rejection(limits.checkSecondFactor('member-1', broken))).to.have.property(
        'message',
        'the check itself failed',
      );
    }
    expect(await limits.checkPassword(IP, 'ana@example.org', right)).to.equal(true);
    expect(await limits.checkSecondFactor('member-1', right)).to.equal(true);
  });

  it('clears an account and gives the address its point back after a right answer', async () => {
    const limits = limitsOf({ failuresPerAccountAndIp: 2, secondFactorFailuresPerAccount: 2 });
    for (let i = 0; i < 5; i += 1) {
      expect(await limits.checkPassword(IP, 'ana@example.org', wrong)).to.equal(false);
      expect(await limits.checkPassword(IP, 'ana@example.org', right)).to.equal(true);
      expect(await limits.checkSecondFactor('member-1', wrong)).to.equal(false);
      expect(await limits.checkSecondFactor('member-1', right)).to.equal(true);
    }
    // Right passwords never use up the address's budget.
    const office = limitsOf({ failuresPerIpPerHour: 2 });
    for (let i = 0; i < 5; i += 1) {
      expect(await office.checkPassword(IP, `member-${i}@example.org`, right)).to.equal(true);
    }
  });

  it('holds an account to its budget for unknown clients across addresses, but not a device it knows', async () => {
    const limits = limitsOf({ failuresPerAccountPerHour: 3, failuresPerAccountAndIp: 2 });
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect(await limits.checkPassword(ip, 'ana@example.org', wrong)).to.equal(false);
    }
    // A fourth address, even with the right password: refused for the hour, unchecked.
    let checked = false;
    const spy = () => {
      checked = true;
      return Promise.resolve(true);
    };
    expect(await retryAfter(limits.checkPassword('203.0.113.4', 'ANA@example.org', spy))).to.be.within(
      3590,
      3600,
    );
    expect(checked).to.equal(false);
    // Another account is untouched; a known device of this one has its own (account, device) counter.
    expect(await limits.checkPassword('203.0.113.4', 'bea@example.org', right)).to.equal(true);
    expect(await limits.checkPassword('203.0.113.5', 'ana@example.org', wrong, 'laptop')).to.equal(false);
    expect(await limits.checkPassword('203.0.113.6', 'ana@example.org', wrong, 'laptop')).to.equal(false);
    expect(
      await retryAfter(limits.checkPassword('203.0.113.7', 'ana@example.org', right, 'laptop')),
    ).to.be.within(890, 900);
    expect(await limits.checkPassword('203.0.113.7', 'ana@example.org', right, 'phone')).to.equal(true);
    // A reset clears the budget for unknown clients.
    await limits.clearAccountFailures('Ana@example.org');
    expect(await limits.checkPassword('203.0.113.8', 'ana@example.org', right)).to.equal(true);
  });

  it('answers "no more reset mail" past the cap of a mailbox, without an error', async () => {
    const limits = limitsOf({ passwordResetMailsPerAddressPerHour: 2 });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await limits.allowPasswordResetMail('ana@example.org'));
    expect(answers).to.deep.equal([true, true, false, false]);
    expect(await limits.allowPasswordResetMail('bea@example.org')).to.equal(true);
  });

  it('lets a failing store’s error through instead of calling it a refusal', async () => {
    // A client that never connected: every command fails, as with Redis down.
    const limits = createAuthLimits(DEFAULT_AUTH_LIMITS, createClient({ url: 'redis://127.0.0.1:1' }));
    for (const call of [
      () => limits.consumeRegistration(IP),
      () => limits.consumePasswordReset(IP),
      () => limits.allowPasswordResetMail('ana@example.org'),
      () => limits.checkPassword(IP, 'ana@example.org', right),
      () => limits.checkSecondFactor('member-1', right),
    ]) {
      const error = await rejection(call());
      expect(error).to.be.instanceOf(Error).and.not.be.instanceOf(AppError);
    }
  });

  it('keeps each counter under a key of its own in Redis, below the prefix it is given', async function () {
    if (!process.env.REDIS_URL) return this.skip();
    const prefix = `agora-test:${randomBytes(5).toString('hex')}:rl`;
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    try {
      const limits = createAuthLimits(DEFAULT_AUTH_LIMITS, redis, prefix);
      await limits.consumeRegistration(IP);
      await limits.consumePasswordReset(IP);
      expect(await limits.allowPasswordResetMail('ana@example.org')).to.equal(true);
      expect(await limits.checkPassword(IP, 'Ana@Example.org', wrong)).to.equal(false);
      expect(await limits.checkPassword(IP, 'Bea@Example.org', wrong, 'laptop')).to.equal(false);
      expect(await limits.checkSecondFactor('member-1', wrong)).to.equal(false);
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.sort()).to.deep.equal(
        [
          `${prefix}:2fa-account:member-1`,
          `${prefix}:forgot-address:ana@example.org`,
          `${prefix}:forgot-ip:${IP}`,
          `${prefix}:login-account-ip:ana@example.org|${IP}`,
          `${prefix}:login-account-ip:bea@example.org|${IP}`,
          `${prefix}:login-account:ana@example.org`,
          `${prefix}:login-account-device:bea@example.org|laptop`,
          `${prefix}:login-ip:${IP}`,
          `${prefix}:register-ip:${IP}`,
        ].sort(),
      );
      if (keys.length) await redis.del(keys);
    } finally {
      await redis.quit();
    }
  });

  it('keeps its Redis keys under agora:rl unless told otherwise', async function () {
    if (!process.env.REDIS_URL) return this.skip();
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    // An address of this run only, so that the key is new and ours to remove.
    const ip = `test-${randomBytes(5).toString('hex')}`;
    const key = `agora:rl:register-ip:${ip}`;
    try {
      await createAuthLimits(DEFAULT_AUTH_LIMITS, redis).consumeRegistration(ip);
      expect(await redis.exists(key)).to.equal(1);
    } finally {
      await redis.del(key);
      await redis.quit();
    }
  });
});
