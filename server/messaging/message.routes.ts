import type { messageApi } from '@shared/api/messaging';
import { reply, type RouteHandlers } from '@server/http/mount';
import type { MessageService } from './message.service';
import type { MessagingEvents } from './messaging.events';

/** Messages of a conversation: history and catch-up, send, edit, delete, report. */
export function messageHandlers(
  messages: MessageService,
  events: MessagingEvents,
): RouteHandlers<typeof messageApi> {
  return {
    list: ({ member, params, query }) => messages.list(member, params.id, query),
    send: async ({ member, params, body }) => {
      const { message, created } = await messages.send(member, params.id, body);
      if (created) events.created(message);
      // A retry with the same client key answers the message already stored, with 200.
      return created ? { message } : reply(200, { message });
    },
    edit: async ({ member, params, body }) => {
      const { message, hiddenFrom } = await messages.edit(member, params.id, params.messageId, body.body);
      events.updated(message, hiddenFrom);
      return { message };
    },
    remove: async ({ member, params }) => {
      const { message, hiddenFrom } = await messages.remove(member, params.id, params.messageId);
      events.updated(message, hiddenFrom);
      return { message };
    },
    report: async ({ member, params, body }) => ({
      report: await messages.report(member, params.id, params.messageId, body),
    }),
  };
}
