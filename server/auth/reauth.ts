import type { NextFunction, Request, Response } from 'express';
import { AppError, unauthenticated } from '@server/errors';
import { REAUTH_WINDOW_MINUTES } from '@shared/api/security';
import './session-data';

/** How long a proof of identity lets the member take sensitive actions. */
export const REAUTH_WINDOW_MS = REAUTH_WINDOW_MINUTES * 60 * 1000;

/** How long a provider re-sign-in waits for the second factor that completes the proof. */
export const PROVIDER_REAUTH_WINDOW_MS = 5 * 60 * 1000;

/** The clock the proof is read against (tests move the proof instead of waiting). */
export type Clock = () => number;

/** Until when the session's last proof of identity holds, or null when it does not (any more). */
export function freshUntil(req: Request, now: Clock = Date.now): number | null {
  const at = req.session.reauthenticatedAt;
  if (typeof at !== 'number') return null;
  const until = at + REAUTH_WINDOW_MS;
  return until > now() ? until : null;
}

/** Records a full proof of identity on the session: the password (or provider) and the second factor. */
export function recordProof(req: Request, now: Clock = Date.now): void {
  req.session.reauthenticatedAt = now();
  delete req.session.providerReauthAt;
}

/** Whether a provider-only member signed in again at their provider moments ago (first factor only). */
export function providerConfirmed(req: Request, now: Clock = Date.now): boolean {
  const at = req.session.providerReauthAt;
  return typeof at === 'number' && at + PROVIDER_REAUTH_WINDOW_MS > now();
}

/**
 * Guard of sensitive actions (deleting the account, changing the e-mail, the second factor or the
 * providers): the member must have proved who they are in the last ten minutes — at sign-in or through
 * `POST /me/reauthentication` — else 403 `reauthentication_required`, which the client answers by
 * asking for the proof and retrying. A stolen session cookie alone is not enough.
 */
export function requireFreshProof(now: Clock = Date.now) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(unauthenticated());
    next(freshUntil(req, now) === null ? new AppError(403, 'reauthentication_required') : undefined);
  };
}
