import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '@server/errors';
import { MESSAGING_LIMITS } from '@shared/api/messaging';

/** One allowance: `points` actions per `seconds`. */
export interface Allowance {
  points: number;
  seconds: number;
}

/** Sizes of the messaging limits; overridable in tests and benchmarks. */
export interface MessagingLimitSizes {
  /** Messages per sender: one a second with a burst of five. */
  messages: Allowance;
  /** Messages per sender whose account is younger than a day: spam accounts are young. */
  newAccountMessages: Allowance;
  /** Conversations (and so message requests) a sender starts. */
  starts: Allowance;
  /** Conversations a sender younger than a day starts. */
  newAccountStarts: Allowance;
}

/** Production sizes. */
export const DEFAULT_MESSAGING_LIMITS: MessagingLimitSizes = {
  messages: { points: 5, seconds: 5 },
  newAccountMessages: { points: 5, seconds: 30 },
  starts: { points: 30, seconds: 3600 },
  newAccountStarts: { points: 10, seconds: 3600 },
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * Per-sender limits on messages and on starting conversations, stricter for accounts younger than a
 * day. Counters live in Redis when it is configured (shared by every process), in memory otherwise.
 */
export function createMessagingLimits(sizes: MessagingLimitSizes, redis?: unknown, prefix = 'agora:rl') {
  const make = (keyPrefix: string, { points, seconds }: Allowance): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          useRedisPackage: true,
          keyPrefix,
          points,
          duration: seconds,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration: seconds });

  const limiters = {
    messages: make(`${prefix}:dm-messages`, sizes.messages),
    newAccountMessages: make(`${prefix}:dm-messages-new`, sizes.newAccountMessages),
    starts: make(`${prefix}:dm-starts`, sizes.starts),
    newAccountStarts: make(`${prefix}:dm-starts-new`, sizes.newAccountStarts),
    // Half the client's interval: a well-behaved client is never refused, whatever its number of tabs.
    typing: make(`${prefix}:dm-typing`, { points: 1, seconds: MESSAGING_LIMITS.typingThrottleMs / 2000 }),
  };

  const consume = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw new AppError(429, 'rate_limited', {
        retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      });
    }
  };

  const isNew = (sender: { createdAt: Date }) => Date.now() - sender.createdAt.getTime() < DAY_MS;

  return {
    /** Counts one message by `sender`, refusing with 429 past the allowance. */
    consumeMessage(sender: { id: string; createdAt: Date }): Promise<void> {
      return consume(isNew(sender) ? limiters.newAccountMessages : limiters.messages, sender.id);
    },

    /**
     * Gives back the message counted by `consumeMessage` when it was not stored after all (the database
     * went away under it), so that sending it again once it is back is not refused as too fast.
     */
    async refundMessage(sender: { id: string; createdAt: Date }): Promise<void> {
      await (isNew(sender) ? limiters.newAccountMessages : limiters.messages).reward(sender.id, 1);
    },

    /**
     * Whether a member's typing signal in a conversation may be relayed now: one per interval per member
     * and conversation, however many sockets (tabs, devices, processes) they send it from.
     */
    async allowTyping(memberId: string, conversationId: string): Promise<boolean> {
      try {
        await limiters.typing.consume(`${memberId}:${conversationId}`);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },

    /** Counts one conversation started by `sender`, refusing with 429 past the allowance. */
    consumeStart(sender: { id: string; createdAt: Date }): Promise<void> {
      return consume(isNew(sender) ? limiters.newAccountStarts : limiters.starts, sender.id);
    },
  };
}

/** The messaging limits the services use. */
export type MessagingLimits = ReturnType<typeof createMessagingLimits>;
