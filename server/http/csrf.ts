import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER } from '@shared/constants';
import { AppError } from '@server/errors';

/** Cookie holding the per-browser CSRF secret; the token is an HMAC of it, handed out by `GET /session`. */
export const CSRF_COOKIE = 'agora.csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection by signed double submit. The secret lives in an HttpOnly cookie (no database row, so
 * visitors who only read cost nothing); the token is HMAC(server secret, cookie secret) and must come
 * back in the `X-CSRF-Token` header, which a cross-site form or image cannot set.
 */
export function createCsrf(serverSecret: string, secureCookies: boolean) {
  const sign = (secret: string) =>
    createHmac('sha256', serverSecret).update(`csrf:${secret}`).digest('base64url');

  const setSecret = (res: Response) => {
    const secret = randomBytes(32).toString('base64url');
    res.cookie(CSRF_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' });
    return secret;
  };

  return {
    /** The token for this browser, creating its secret on first use. */
    tokenFor: (req: Request, res: Response): string => {
      const secret = req.cookieValues[CSRF_COOKIE] ?? setSecret(res);
      req.cookieValues[CSRF_COOKIE] = secret;
      return sign(secret);
    },

    /** A fresh secret (at sign-in and sign-out), so a token seen before cannot be replayed after. */
    rotate: (req: Request, res: Response): string => {
      const secret = setSecret(res);
      req.cookieValues[CSRF_COOKIE] = secret;
      return sign(secret);
    },

    /** Refuses state-changing requests without a valid token. */
    middleware: (req: Request, _res: Response, next: NextFunction) => {
      if (SAFE_METHODS.has(req.method)) return next();
      const secret = req.cookieValues[CSRF_COOKIE];
      const token = req.get(CSRF_HEADER);
      if (!secret || !token) return next(new AppError(403, 'csrf_invalid'));
      const expected = Buffer.from(sign(secret));
      const given = Buffer.from(token);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return next(new AppError(403, 'csrf_invalid'));
      }
      next();
    },
  };
}

/** The CSRF helper the app uses. */
export type Csrf = ReturnType<typeof createCsrf>;
