import type { NextFunction, Request, Response } from 'express';
import { AppError, forbidden, unauthenticated } from '@server/errors';
import type { MemberRow } from '@server/members/member.queries';
import { isStaff } from '@server/members/member.policy';

/** Refuses anonymous requests with 401; the service still decides what the member may do. */
export function requireMember() {
  return (req: Request, _res: Response, next: NextFunction) => (req.user ? next() : next(unauthenticated()));
}

/** The signed-in member of a request that passed `requireMember()`. */
export function currentMember(req: Request): MemberRow {
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
    if (!isStaff(req.user)) return next(forbidden());
    twoFactor
      .isEnabled(req.user.id)
      .then((enabled) => next(enabled ? undefined : new AppError(403, 'second_factor_required')), next);
  };
}
