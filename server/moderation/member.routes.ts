import type { memberModerationApi } from '@shared/api/moderation';
import type { RouteHandlers } from '@server/http/mount';
import type { FlagService } from './flag.service';
import type { NoticeService } from './notice.service';
import type { LogService } from './log.service';
import type { ApplyEffects } from './moderation.events';

/** The members' side of moderation: flags, their own notices and appeals, and the public log. */
export function memberModerationHandlers(deps: {
  flags: FlagService;
  notices: NoticeService;
  log: LogService;
  apply: ApplyEffects;
}): RouteHandlers<typeof memberModerationApi> {
  return {
    flag: async ({ member, body }) => {
      const done = await deps.flags.flag(member, body);
      await deps.apply(done.effects);
      return done.result;
    },
    notices: async ({ member }) => ({ items: await deps.notices.list(member) }),
    appeal: async ({ member, params, body }) => {
      const done = await deps.notices.appeal(member, params.id, body.body);
      await deps.apply(done.effects);
      return { notice: done.result };
    },
    publicLog: ({ query }) => deps.log.publicLog(query),
  };
}
