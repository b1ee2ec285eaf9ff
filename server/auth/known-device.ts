import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Secrets } from './secrets';

/** The cookie that lets a browser that signed in to an account before be recognised by the sign-in limits. */
export const DEVICE_COOKIE = 'agora.device';

/** How long a browser stays recognised after its last sign-in. */
const DEVICE_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Known devices ("device cookies", as OWASP calls them): a successful password sign-in leaves the
 * browser a cookie naming a random device id, signed together with the account's e-mail. A later sign-in
 * to the same account from that browser is counted on its own (account, device) counter instead of the
 * account's budget for unknown clients, so a flood of guesses from elsewhere does not lock the owner out
 * (see rate-limits.ts). The cookie proves nothing else: it is not a session and grants no access.
 */
export function createKnownDevices(secrets: Secrets, secureCookies: boolean) {
  return {
    /** The device id this request's cookie proves for `account`, or undefined. */
    recognise(req: Request, account: string): string | undefined {
      const value = req.cookieValues[DEVICE_COOKIE];
      if (typeof value !== 'string') return undefined;
      const [deviceId = '', signature = '', extra] = value.split('.');
      if (extra !== undefined || !/^[\w-]{22}$/.test(deviceId)) return undefined;
      const expected = Buffer.from(secrets.deviceSignature(account, deviceId));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : undefined;
    },

    /** Remembers this browser for `account` after a right password (keeping its id when it had one). */
    remember(req: Request, res: Response, account: string): void {
      const deviceId = this.recognise(req, account) ?? randomBytes(16).toString('base64url');
      res.cookie(DEVICE_COOKIE, `${deviceId}.${secrets.deviceSignature(account, deviceId)}`, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        path: '/api/v1/auth/',
        maxAge: DEVICE_COOKIE_MAX_AGE_MS,
      });
    },
  };
}

/** Known devices. */
export type KnownDevices = ReturnType<typeof createKnownDevices>;
