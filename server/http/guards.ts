import type { NextFunction, Request, Response } from 'express';
import { unauthenticated } from '@server/errors';
import type { MemberRow } from '@server/members/member.queries';

/** Refuses anonymous requests with 401; the service still decides what the member may do. */
export function requireMember() {
  return (req: Request, _res: Response, next: NextFunction) => (req.user ? next() : next(unauthenticated()));
}

/** The signed-in member of a request that passed `requireMember()`. */
export function currentMember(req: Request): MemberRow {
  if (!req.user) throw unauthenticated();
  return req.user;
}
