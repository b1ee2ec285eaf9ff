import type { Locale } from '@shared/constants';
import type { MemberRow } from '@server/members/member.queries';

declare global {
  namespace Express {
    /** The signed-in member, as Passport puts it on `req.user`. */
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends MemberRow {}

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
