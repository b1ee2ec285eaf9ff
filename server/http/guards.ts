import type { NextFunction, Request, Response } from 'express';
import { isStaffRole } from '@shared/constants';
import { REAUTH_WINDOW_MINUTES } from '@shared/api/security';
import { AppError, forbidden, unauthenticated } from '@server/errors';

declare module 'express-session' {
  interface SessionData {
    /** Epoch milliseconds of the last full proof of identity (sign-in or re-authentication). */
    reauthenticatedAt?: number;
  }
}

/** Refuses anonymous requests with 401; the service still decides what the member may do. */
export function requireMember() {
  return (req: Request, _res: Response, next: NextFunction) => (req.user ? next() : next(unauthenticated()));
}

/** The signed-in member of a request that passed `requireMember()`. */
export function currentMember(req: Request): Express.User {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** What `requireStaff()` asks about the second factor. */
export interface SecondFactorCheck {
  isEnabled(memberId: string): Promise<boolean>;
}

/**
 * Staff tools: moderators and admins only (403 for others, 401 for visitors), and only once they have
 * enrolled a second factor (403 `second_factor_required` until then).
 */
export function requireStaff(twoFactor: SecondFactorCheck) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(unauthenticated());
    if (!isStaffRole(req.user.role)) return next(forbidden());
    twoFactor
      .isEnabled(req.user.id)
      .then((enabled) => next(enabled ? undefined : new AppError(403, 'second_factor_required')), next);
  };
}

/** How long a proof of identity lets the member take sensitive actions. */
export const REAUTH_WINDOW_MS = REAUTH_WINDOW_MINUTES * 60 * 1000;

/** The clock the proof is read against (tests move the proof instead of waiting). */
export type Clock = () => number;

/** Until when the session's last proof of identity holds, or null when it does not (any more). */
export function freshUntil(req: Request, now: Clock = Date.now): number | null {
  const at = req.session.reauthenticatedAt;
  if (typeof at !== 'number') return null;
  const until = at + REAUTH_WINDOW_MS;
  return until > now() ? until : null;
}

/**
 * Guard of sensitive actions (deleting the account, changing the e-mail, the second factor or the
 * providers): the member must have proved who they are in the last ten minutes — at sign-in or through
 * `POST /me/reauthentication` — else 403 `reauthentication_required`, which the client answers by
 * asking for the proof and retrying. A stolen session cookie alone is not enough. The proof is recorded
 * on the session by the auth feature (`recordProof`); this guard only reads it.
 */
export function requireFreshProof(now: Clock = Date.now) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(unauthenticated());
    next(freshUntil(req, now) === null ? new AppError(403, 'reauthentication_required') : undefined);
  };
}
