import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '@server/errors';

/** Sizes of the sign-in and registration limits; overridable in tests. */
export interface AuthLimitSizes {
  /** Registrations per address per hour: an office of 30 behind one NAT registering together must pass. */
  registrationsPerIpPerHour: number;
  /** Failed sign-ins per address per hour, across accounts (password spraying). */
  failuresPerIpPerHour: number;
  /** Failed sign-ins for one account from one address before that pair waits 15 minutes (guessing). */
  failuresPerAccountAndIp: number;
  /** Wrong second-factor codes per account before it waits 15 minutes, from any address (a code has 10^6 values). */
  secondFactorFailuresPerAccount: number;
  /** Password-reset requests per address per hour: its own budget, so registrations never use it up. */
  passwordResetsPerIpPerHour: number;
  /** Reset e-mails to one mailbox per hour; later requests are answered alike but send nothing. */
  passwordResetMailsPerAddressPerHour: number;
}

/** Production sizes. */
export const DEFAULT_AUTH_LIMITS: AuthLimitSizes = {
  registrationsPerIpPerHour: 60,
  failuresPerIpPerHour: 100,
  failuresPerAccountAndIp: 10,
  secondFactorFailuresPerAccount: 5,
  passwordResetsPerIpPerHour: 20,
  passwordResetMailsPerAddressPerHour: 3,
};

const HOUR = 3600;
const QUARTER_HOUR = 900;

function rateLimited(res: RateLimiterRes): AppError {
  return new AppError(429, 'rate_limited', {
    retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
}

/**
 * Limits that slow attackers without locking owners out. Failures are counted per (account, address),
 * so a guesser elsewhere never locks the owner out of their own account, and per address, to stop one
 * machine from spraying many accounts. Counters live in Redis when it is configured (shared by every
 * process), in memory otherwise.
 */
export function createAuthLimits(sizes: AuthLimitSizes, redis?: unknown) {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });

  const registrations = make('agora:rl:register-ip', sizes.registrationsPerIpPerHour, HOUR);
  const failuresByIp = make('agora:rl:login-ip', sizes.failuresPerIpPerHour, HOUR);
  const failuresByAccount = make('agora:rl:login-account-ip', sizes.failuresPerAccountAndIp, QUARTER_HOUR);
  const secondFactorFailures = make(
    'agora:rl:2fa-account',
    sizes.secondFactorFailuresPerAccount,
    QUARTER_HOUR,
  );
  const resetsByIp = make('agora:rl:forgot-ip', sizes.passwordResetsPerIpPerHour, HOUR);
  const resetMailsByAddress = make(
    'agora:rl:forgot-address',
    sizes.passwordResetMailsPerAddressPerHour,
    HOUR,
  );
  const accountKey = (ip: string, email: string) => `${email}|${ip}`;

  const assertBelow = async (limiter: RateLimiterAbstract, key: string, points: number) => {
    const state = await limiter.get(key);
    if (state && state.consumedPoints >= points) throw rateLimited(state);
  };

  return {
    /** Counts one registration attempt from `ip`, refusing past the hourly allowance. */
    async consumeRegistration(ip: string): Promise<void> {
      try {
        await registrations.consume(ip);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(error);
        throw error;
      }
    },

    /** Counts one password-reset request from `ip`, refusing past the hourly allowance. */
    async consumePasswordReset(ip: string): Promise<void> {
      try {
        await resetsByIp.consume(ip);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited(error);
        throw error;
      }
    },

    /**
     * Whether another reset e-mail may go to this address this hour. Never surfaced to the requester
     * (that would tell them the address was asked for): past the cap the request is answered alike and
     * nothing is sent, so nobody can flood a mailbox through the form.
     */
    async allowPasswordResetMail(email: string): Promise<boolean> {
      try {
        await resetMailsByAddress.consume(email);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },

    /** Refuses a sign-in attempt early when the address or the (account, address) pair is over its limit. */
    async assertCanTrySignIn(ip: string, email: string): Promise<void> {
      await assertBelow(failuresByIp, ip, sizes.failuresPerIpPerHour);
      await assertBelow(failuresByAccount, accountKey(ip, email), sizes.failuresPerAccountAndIp);
    },

    /** Records a failed sign-in. */
    async recordFailure(ip: string, email: string): Promise<void> {
      await Promise.all([failuresByIp.penalty(ip, 1), failuresByAccount.penalty(accountKey(ip, email), 1)]);
    },

    /** Refuses a second-factor attempt while the account is over its limit of wrong codes. */
    async assertCanTrySecondFactor(memberId: string): Promise<void> {
      await assertBelow(secondFactorFailures, memberId, sizes.secondFactorFailuresPerAccount);
    },

    /** Records a wrong second-factor code. */
    async recordSecondFactorFailure(memberId: string): Promise<void> {
      await secondFactorFailures.penalty(memberId, 1);
    },

    /** A right code clears the account's wrong codes. */
    async recordSecondFactorSuccess(memberId: string): Promise<void> {
      await secondFactorFailures.delete(memberId);
    },

    /** A successful sign-in clears the pair's failures (the address count decays on its own). */
    async recordSuccess(ip: string, email: string): Promise<void> {
      await failuresByAccount.delete(accountKey(ip, email));
    },
  };
}

/** The limits the auth service uses. */
export type AuthLimits = ReturnType<typeof createAuthLimits>;
