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
  /**
   * Failed sign-ins per account per hour from clients it does not recognise, whatever their address
   * (credential stuffing from many addresses). Browsers that signed in to the account before, and the
   * member's own sessions, are counted apart and may still sign in once it is spent.
   */
  failuresPerAccountPerHour: number;
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
  failuresPerAccountPerHour: 100,
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

/** Where the counters of the limits are kept: Redis keys start with it (tests give each run its own). */
export const DEFAULT_AUTH_LIMIT_PREFIX = 'agora:rl';

/** One counter of a check: the limiter and the key counted on it. */
type Counter = readonly [RateLimiterAbstract, string];

/**
 * Limits that slow attackers without locking owners out. Failures are counted per (account, address),
 * so a guesser elsewhere never locks the owner out of their own account, and per address, to stop one
 * machine from spraying many accounts. Many machines against one account (credential stuffing through a
 * botnet or rotating proxies) are held by a counter per account for the clients it does not recognise;
 * a recognised one (a browser that signed in to the account before, or the member's own session) is
 * counted on its own (account, device) counter instead, so the owner still gets in while the account is
 * under attack. Counters live in Redis when it is configured (shared by every process), in memory
 * otherwise.
 *
 * Every check of a password, a second-factor code or a recovery code goes through `checkPassword` or
 * `checkSecondFactor`: the attempt is counted before the (slow) check and refunded when it succeeds, so a
 * burst of simultaneous attempts is held to the limit instead of all reading the same "not yet".
 */
export function createAuthLimits(
  sizes: AuthLimitSizes,
  redis?: unknown,
  prefix: string = DEFAULT_AUTH_LIMIT_PREFIX,
) {
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const keyPrefix = `${prefix}:${name}`;
    return redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  };

  const registrations = make('register-ip', sizes.registrationsPerIpPerHour, HOUR);
  const failuresByIp = make('login-ip', sizes.failuresPerIpPerHour, HOUR);
  const failuresByAccount = make('login-account-ip', sizes.failuresPerAccountAndIp, QUARTER_HOUR);
  const failuresByUnknownClients = make('login-account', sizes.failuresPerAccountPerHour, HOUR);
  const failuresByDevice = make('login-account-device', sizes.failuresPerAccountAndIp, QUARTER_HOUR);
  const secondFactorFailures = make('2fa-account', sizes.secondFactorFailuresPerAccount, QUARTER_HOUR);
  const resetsByIp = make('forgot-ip', sizes.passwordResetsPerIpPerHour, HOUR);
  const resetMailsByAddress = make('forgot-address', sizes.passwordResetMailsPerAddressPerHour, HOUR);
  const accountKey = (ip: string, account: string) => `${account.toLowerCase()}|${ip}`;
  const deviceKey = (device: string, account: string) => `${account.toLowerCase()}|${device}`;

  const consumeOrRefuse = async (limiter: RateLimiterAbstract, key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(error);
      throw error;
    }
  };

  const refund = (counters: readonly Counter[]) =>
    Promise.all(counters.map(([limiter, key]) => limiter.reward(key, 1)));

  /**
   * Counts an attempt on every counter, then runs the check. A refused counter refunds the ones this
   * attempt already took (nothing was checked); a check that fails with an error refunds them all (it
   * guessed nothing); a successful one runs `onSuccess`, which refunds or clears.
   */
  const attempt = async (
    counters: readonly Counter[],
    check: () => Promise<boolean>,
    onSuccess: () => Promise<unknown>,
  ): Promise<boolean> => {
    const taken: Counter[] = [];
    for (const [limiter, key] of counters) {
      try {
        await consumeOrRefuse(limiter, key);
      } catch (error) {
        await refund(taken);
        throw error;
      }
      taken.push([limiter, key]);
    }
    let ok: boolean;
    try {
      ok = await check();
    } catch (error) {
      await refund(taken);
      throw error;
    }
    if (ok) await onSuccess();
    return ok;
  };

  return {
    /** Counts one registration attempt from `ip`, refusing past the hourly allowance. */
    consumeRegistration(ip: string): Promise<void> {
      return consumeOrRefuse(registrations, ip);
    },

    /** Counts one password-reset request from `ip`, refusing past the hourly allowance. */
    consumePasswordReset(ip: string): Promise<void> {
      return consumeOrRefuse(resetsByIp, ip);
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

    /**
     * Checks a password for `account` (its e-mail) from `ip`, counted on the (account, address) pair and
     * on the address, and on either the account's budget for clients it does not recognise or, from a
     * recognised `device` (its id, already verified by the caller), on the (account, device) pair; 429
     * past any of them, without checking. A right password clears the pairs and refunds the rest.
     */
    checkPassword(
      ip: string,
      account: string,
      check: () => Promise<boolean>,
      device?: string,
    ): Promise<boolean> {
      const pair = accountKey(ip, account);
      const third: Counter = device
        ? [failuresByDevice, deviceKey(device, account)]
        : [failuresByUnknownClients, account.toLowerCase()];
      return attempt([[failuresByAccount, pair], [failuresByIp, ip], third], check, () =>
        Promise.all([
          failuresByAccount.delete(pair),
          failuresByIp.reward(ip, 1),
          device ? failuresByDevice.delete(third[1]) : failuresByUnknownClients.reward(third[1], 1),
        ]),
      );
    },

    /**
     * Forgets an account's failures from clients it does not recognise: its owner just proved control
     * of the mailbox (a password reset), so the new password may be used from anywhere at once.
     */
    async clearAccountFailures(account: string): Promise<void> {
      await failuresByUnknownClients.delete(account.toLowerCase());
    },

    /**
     * Checks a second-factor answer (an app's code or a recovery code) of the member, counted on the
     * account whatever the address; 429 past the limit, without checking. A right answer clears it.
     */
    checkSecondFactor(memberId: string, check: () => Promise<boolean>): Promise<boolean> {
      return attempt([[secondFactorFailures, memberId]], check, () => secondFactorFailures.delete(memberId));
    },
  };
}

/** The limits the auth service uses. */
export type AuthLimits = ReturnType<typeof createAuthLimits>;
