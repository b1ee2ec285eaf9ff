import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@server/errors';

/** Requests that publish something others read: threads, replies and messages. */
const POSTING = [
  /^\/threads$/,
  /^\/threads\/[^/]+\/posts$/,
  /^\/conversations$/,
  /^\/conversations\/[^/]+\/messages$/,
];

/**
 * With `REQUIRE_EMAIL_VERIFICATION`, members whose address is not verified can read (and follow, react,
 * mark read) but not publish: 403 `email_not_verified`.
 */
export function requireVerifiedEmailToPost(req: Request, _res: Response, next: NextFunction): void {
  if (
    req.method === 'POST' &&
    req.user &&
    !req.user.emailVerifiedAt &&
    POSTING.some((pattern) => pattern.test(req.path))
  ) {
    return next(new AppError(403, 'email_not_verified'));
  }
  next();
}
