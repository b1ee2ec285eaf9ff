import type { Locale, Role } from '@shared/constants';

declare global {
  namespace Express {
    /**
     * The signed-in member, as Passport puts it on `req.user`. The kernel declares only what it reads
     * (guards, the mount, the locale); the members feature completes it with the whole member row
     * (server/members/express-user.d.ts), so handlers see every column.
     */
    interface User {
      id: string;
      role: Role;
      locale: Locale;
      emailVerifiedAt: Date | null;
    }

    interface Request {
      /** Request id, echoed in `X-Request-Id` and in every log line of the request. */
      id: string;
      /** The language of this response. */
      locale: Locale;
      /** Cookies of the request, parsed once (`req.cookies` is left to cookie-parser's `any`). */
      cookieValues: Record<string, string | undefined>;
    }
  }
}

export {};
