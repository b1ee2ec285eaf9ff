import type { messageApi } from '@shared/api/messaging';
import { reply, type RouteHandlers } from '@server/http/mount';
import type { MessageService } from './message.service';

/** Messages of a conversation: history and catch-up, send, edit, delete, report. */
export function messageHandlers(messages: MessageService): RouteHandlers<typeof messageApi> {
  return {
    list: ({ member, params, query }) => messages.list(member, params.id, query),
    send: async ({ member, params, body }) => {
      const { message, created } = await messages.send(member, params.id, body);
      // A retry with the same client key answers the message already stored, with 200.
      return created ? { message } : reply(200, { message });
    },
    edit: ({ member, params, body }) => messages.edit(member, params.id, params.messageId, body.body),
    remove: ({ member, params }) => messages.remove(member, params.id, params.messageId),
    report: async ({ member, params, body }) => ({
      report: await messages.report(member, params.id, params.messageId, body),
    }),
  };
}
