import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '@server/errors';

/** One allowance: `points` actions per `seconds`. */
export interface Allowance {
  points: number;
  seconds: number;
}

/** How often a member may post and preview; overridable in tests. */
export interface PostLimitSizes {
  /** Seconds between two posts of an established member. */
  intervalSeconds: number;
  /** Seconds between two posts of an account younger than a day (spam arrives on fresh accounts). */
  newMemberIntervalSeconds: number;
  /** Previews per member (a long draft costs up to ~180 ms of CPU to render); the default when absent. */
  previews?: Allowance;
  /** Previews per client address, across the members behind it; the default when absent. */
  previewsPerAddress?: Allowance;
}

/**
 * Production sizes: one post per 10 s, one per 30 s during an account's first day; 20 previews a
 * minute per member (someone switching between writing and preview), 60 per address (an office).
 */
export const DEFAULT_POST_LIMITS: Required<PostLimitSizes> = {
  intervalSeconds: 10,
  newMemberIntervalSeconds: 30,
  previews: { points: 20, seconds: 60 },
  previewsPerAddress: { points: 60, seconds: 60 },
};

const DAY_MS = 24 * 3600 * 1000;

const retryAfter = (refusal: RateLimiterRes) => Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));

/**
 * Per-member posting limits and per-member and per-address preview limits, in Redis when configured
 * (shared by every process), in memory otherwise.
 */
export function createPostLimits(sizes: PostLimitSizes, redis?: unknown, prefix = 'agora:rl') {
  const make = (keyPrefix: string, duration: number, points = 1): RateLimiterAbstract | undefined => {
    if (duration <= 0) return undefined;
    return redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  };
  const established = make(`${prefix}:post`, sizes.intervalSeconds);
  const fresh = make(`${prefix}:post-new`, sizes.newMemberIntervalSeconds);
  const previews = sizes.previews ?? DEFAULT_POST_LIMITS.previews;
  const previewsPerAddress = sizes.previewsPerAddress ?? DEFAULT_POST_LIMITS.previewsPerAddress;
  const byMember = make(`${prefix}:preview`, previews.seconds, previews.points);
  const byAddress = make(`${prefix}:preview-ip`, previewsPerAddress.seconds, previewsPerAddress.points);

  return {
    /** Counts one post by `member`, refusing it with 429 when the previous one was too recent. */
    async consume(member: { id: string; createdAt: Date }, now = Date.now()): Promise<void> {
      const limiter = now - member.createdAt.getTime() < DAY_MS ? fresh : established;
      if (!limiter) return;
      try {
        await limiter.consume(member.id);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw new AppError(429, 'posting_too_fast', { retryAfterSeconds: retryAfter(error) });
      }
    },

    /**
     * Counts one preview by `member` from `ip`, refusing it with 429 past either allowance. Both are
     * counted before rendering, so a refused preview costs no rendering work.
     */
    async consumePreview(member: { id: string }, ip: string): Promise<void> {
      try {
        await Promise.all([byMember?.consume(member.id), byAddress?.consume(ip)]);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw new AppError(429, 'rate_limited', { retryAfterSeconds: retryAfter(error) });
      }
    },
  };
}

/** The posting limits the post service uses. */
export type PostLimits = ReturnType<typeof createPostLimits>;
