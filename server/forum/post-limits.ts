import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '@server/errors';

/** How often a member may post; overridable in tests. */
export interface PostLimitSizes {
  /** Seconds between two posts of an established member. */
  intervalSeconds: number;
  /** Seconds between two posts of an account younger than a day (spam arrives on fresh accounts). */
  newMemberIntervalSeconds: number;
}

/** Production sizes: one post per 10 s, one per 30 s during an account's first day. */
export const DEFAULT_POST_LIMITS: PostLimitSizes = { intervalSeconds: 10, newMemberIntervalSeconds: 30 };

const DAY_MS = 24 * 3600 * 1000;

/** Per-member posting limits, in Redis when configured (shared by every process), in memory otherwise. */
export function createPostLimits(sizes: PostLimitSizes, redis?: unknown) {
  const make = (keyPrefix: string, duration: number): RateLimiterAbstract | undefined => {
    if (duration <= 0) return undefined;
    return redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points: 1, duration })
      : new RateLimiterMemory({ keyPrefix, points: 1, duration });
  };
  const established = make('agora:rl:post', sizes.intervalSeconds);
  const fresh = make('agora:rl:post-new', sizes.newMemberIntervalSeconds);

  return {
    /** Counts one post by `member`, refusing it with 429 when the previous one was too recent. */
    async consume(member: { id: string; createdAt: Date }, now = Date.now()): Promise<void> {
      const limiter = now - member.createdAt.getTime() < DAY_MS ? fresh : established;
      if (!limiter) return;
      try {
        await limiter.consume(member.id);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw new AppError(429, 'posting_too_fast', {
          retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
        });
      }
    },
  };
}

/** The posting limits the post service uses. */
export type PostLimits = ReturnType<typeof createPostLimits>;
