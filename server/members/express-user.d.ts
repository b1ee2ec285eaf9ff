import type { MemberRow } from './member.queries';

declare global {
  namespace Express {
    /** The signed-in member on `req.user` is a whole member row (the HTTP kernel declares the part it reads). */
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends MemberRow {}
  }
}

export {};
