import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createClient } from 'redis';
import { rejection, retryAfter } from '../helpers/limits';
import { AppError } from '@server/errors';
import {
  createMessagingLimits,
  DEFAULT_MESSAGING_LIMITS,
  type MessagingLimitSizes,
} from '@server/messaging/rate-limits';
import { MESSAGING_LIMITS } from '@shared/api/messaging';

/**
 * The messaging limits on their own, in memory and in Redis: which allowance a sender gets by the age
 * of their account, how long a refusal asks to wait, what a failing store does, and the keys the
 * counters live under (shared by every process).
 */
const limitsOf = (sizes: Partial<MessagingLimitSizes> = {}, redis?: unknown) =>
  createMessagingLimits({ ...DEFAULT_MESSAGING_LIMITS, ...sizes }, redis);

const HOUR_MS = 3600 * 1000;
const sender = (ageMs: number) => ({
  id: `member-${randomBytes(5).toString('hex')}`,
  createdAt: new Date(Date.now() - ageMs),
});

/** How many of `tries` calls of `consume` pass before the first refusal. */
async function passes(consume: () => Promise<void>, tries: number): Promise<number> {
  for (let i = 0; i < tries; i += 1) {
    try {
      await consume();
    } catch {
      return i;
    }
  }
  return tries;
}

describe('messaging limits', () => {
  it('gives an account younger than a day the new-account allowance, and an older one the ordinary one', async () => {
    const limits = limitsOf({
      messages: { points: 4, seconds: 60 },
      newAccountMessages: { points: 2, seconds: 60 },
      starts: { points: 3, seconds: 60 },
      newAccountStarts: { points: 1, seconds: 60 },
    });
    const young = sender(23 * HOUR_MS);
    const old = sender(25 * HOUR_MS);
    expect(await passes(() => limits.consumeMessage(young), 10)).to.equal(2);
    expect(await passes(() => limits.consumeMessage(old), 10)).to.equal(4);
    expect(await passes(() => limits.consumeStart(young), 10)).to.equal(1);
    expect(await passes(() => limits.consumeStart(old), 10)).to.equal(3);
  });

  it('counts messages and conversation starts apart, and each sender apart', async () => {
    const limits = limitsOf({ messages: { points: 1, seconds: 60 }, starts: { points: 1, seconds: 60 } });
    const ana = sender(48 * HOUR_MS);
    const bea = sender(48 * HOUR_MS);
    await limits.consumeMessage(ana);
    await limits.consumeStart(ana);
    await limits.consumeMessage(bea);
    await retryAfter(limits.consumeMessage(ana));
    await retryAfter(limits.consumeStart(ana));
  });

  it('asks to wait until the counter frees up, rounded up to whole seconds', async () => {
    const limits = limitsOf({
      messages: { points: 1, seconds: 90 },
      newAccountStarts: { points: 1, seconds: 3600 },
    });
    const old = sender(48 * HOUR_MS);
    await limits.consumeMessage(old);
    expect(await retryAfter(limits.consumeMessage(old))).to.equal(90);
    const young = sender(HOUR_MS);
    await limits.consumeStart(young);
    expect(await retryAfter(limits.consumeStart(young))).to.equal(3600);
  });

  it('relays one typing signal per member and conversation in each interval, whatever the tab', async () => {
    const limits = limitsOf();
    expect(await limits.allowTyping('member-1', 'conversation-1')).to.equal(true);
    expect(await limits.allowTyping('member-1', 'conversation-1')).to.equal(false);
    expect(await limits.allowTyping('member-1', 'conversation-2')).to.equal(true);
    expect(await limits.allowTyping('member-2', 'conversation-1')).to.equal(true);
    // A moment later, still well within the interval (half the client's, 1 s): refused.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await limits.allowTyping('member-1', 'conversation-1')).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, MESSAGING_LIMITS.typingThrottleMs / 2 + 100));
    expect(await limits.allowTyping('member-1', 'conversation-1')).to.equal(true);
  });

  it('lets a failing store’s error through instead of calling it a refusal', async () => {
    const down = new Error('the store is down');
    // A Redis client whose every command fails: the limiter's own errors must not become 429s.
    const broken = {
      isReady: true,
      evalSha: () => Promise.reject(down),
      eval: () => Promise.reject(down),
      sendCommand: () => Promise.reject(down),
      multi: () => {
        throw down;
      },
    };
    const limits = createMessagingLimits(DEFAULT_MESSAGING_LIMITS, broken);
    for (const attempt of [
      limits.consumeMessage(sender(48 * HOUR_MS)),
      limits.consumeStart(sender(HOUR_MS)),
      limits.allowTyping('member-1', 'conversation-1'),
    ]) {
      const error = await rejection(attempt);
      expect(error).to.be.instanceOf(Error).and.not.be.instanceOf(AppError);
    }
  });

  it('keeps each counter in Redis under agora:rl, by sender (and conversation, for typing)', async function () {
    if (!process.env.REDIS_URL) return this.skip();
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    const old = sender(48 * HOUR_MS);
    const young = sender(HOUR_MS);
    const conversation = `conversation-${randomBytes(5).toString('hex')}`;
    const keys = [
      `agora:rl:dm-messages:${old.id}`,
      `agora:rl:dm-starts:${old.id}`,
      `agora:rl:dm-messages-new:${young.id}`,
      `agora:rl:dm-starts-new:${young.id}`,
      `agora:rl:dm-typing:${old.id}:${conversation}`,
    ];
    try {
      const limits = createMessagingLimits(DEFAULT_MESSAGING_LIMITS, redis);
      await limits.consumeMessage(old);
      await limits.consumeStart(old);
      await limits.consumeMessage(young);
      await limits.consumeStart(young);
      expect(await limits.allowTyping(old.id, conversation)).to.equal(true);
      const found = [
        ...(await redis.keys(`agora:rl:dm-*:${old.id}*`)),
        ...(await redis.keys(`agora:rl:dm-*:${young.id}*`)),
      ];
      expect(found.sort()).to.deep.equal([...keys].sort());
      // Two processes share them: a second set of limits on the same Redis sees the first one's count.
      const other = createMessagingLimits(
        { ...DEFAULT_MESSAGING_LIMITS, newAccountMessages: { points: 1, seconds: 30 } },
        redis,
      );
      await retryAfter(other.consumeMessage(young));
      expect(await other.allowTyping(old.id, conversation)).to.equal(false);
    } finally {
      await redis.del(keys);
      await redis.quit();
    }
  });
});
