import type { memberModerationApi } from '@shared/api/moderation';
import type { RouteHandlers } from '@server/http/mount';
import type { FlagService } from './flag.service';
import type { NoticeService } from './notice.service';
import type { LogService } from './log.service';

/** The members' side of moderation: flags, their own notices and appeals, and the public log. */
export function memberModerationHandlers(deps: {
  flags: FlagService;
  notices: NoticeService;
  log: LogService;
}): RouteHandlers<typeof memberModerationApi> {
  return {
    flag: ({ member, body }) => deps.flags.flag(member, body),
    notices: async ({ member }) => ({ items: await deps.notices.list(member) }),
    appeal: async ({ member, params, body }) => ({
      notice: await deps.notices.appeal(member, params.id, body.body),
    }),
    publicLog: ({ query }) => deps.log.publicLog(query),
  };
}
