import type { ItemAction, moderationApi, QueueItemResponse } from '@shared/api/moderation';
import type { RouteHandlers } from '@server/http/mount';
import type { MemberRow } from '@server/members';
import type { QueueService } from './queue.service';
import type { ActionInput, ActionService } from './actions.service';
import type { LogService } from './log.service';

/** What every action route hands its service: the moderator, the target's id, the parsed body. */
interface ActionRequest {
  member: MemberRow;
  params: { id: string };
  body: ActionInput;
}

/** The staff side of moderation under `/api/v1/moderation/…`: the queue, items, actions, the audit log. */
export function moderationHandlers(deps: {
  queue: QueueService;
  actions: ActionService;
  log: LogService;
}): RouteHandlers<typeof moderationApi> {
  /** Takes one action from an item and answers the item as it is now. */
  const onItem =
    (action: ItemAction) =>
    async ({ member, params, body }: ActionRequest): Promise<QueueItemResponse> => {
      await deps.actions.onItem(member, params.id, action, body);
      return { detail: await deps.queue.detail(member, params.id) };
    };

  /** Takes one member-level action outside any item. */
  const onMember =
    (action: 'warn' | 'suspend' | 'reinstate') =>
    async ({ member, params, body }: ActionRequest): Promise<{ ok: true }> => {
      await deps.actions.onMember(member, params.id, action, body);
      return { ok: true };
    };

  return {
    queue: ({ member, query }) => deps.queue.list(member, query),
    moderators: async ({ member }) => ({ items: await deps.queue.moderators(member) }),
    item: async ({ member, params }) => ({ detail: await deps.queue.detail(member, params.id) }),
    assign: async ({ member, params, body }) => {
      await deps.queue.assign(member, params.id, body.assigneeId);
      return { detail: await deps.queue.detail(member, params.id) };
    },
    note: async ({ member, params, body }) => ({
      note: await deps.queue.addNote(member, params.id, body.body),
    }),
    dismiss: onItem('dismiss'),
    hide: onItem('hide'),
    unhide: onItem('unhide'),
    delete: onItem('delete'),
    edit: onItem('edit'),
    warn: onItem('warn'),
    suspend: onItem('suspend'),
    reinstate: onItem('reinstate'),
    uphold: onItem('uphold'),
    overturn: onItem('overturn'),
    warnMember: onMember('warn'),
    suspendMember: onMember('suspend'),
    reinstateMember: onMember('reinstate'),
    audit: ({ member, query }) => deps.log.audit(member, query),
  };
}
