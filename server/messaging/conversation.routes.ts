import type { conversationApi } from '@shared/api/messaging';
import { reply, type RouteHandlers } from '@server/http/mount';
import type { ConversationService } from './conversation.service';
import type { MessagingEvents } from './messaging.events';

/** Conversations: list, start, read one, answer requests, membership, mute, read marks, unread badge. */
export function conversationHandlers(
  conversations: ConversationService,
  events: MessagingEvents,
): RouteHandlers<typeof conversationApi> {
  return {
    list: ({ member, query }) => conversations.list(member, query),
    unread: ({ member }) => conversations.unread(member),
    start: async ({ member, body }) => {
      const change = await conversations.start(member, body);
      events.changed(change.conversation.id, change);
      if (change.message && change.messageCreated) events.created(change.message);
      const answer = { conversation: change.conversation, message: change.message };
      // Starting a direct conversation that already exists answers it (and any first message) with 200.
      return change.created ? answer : reply(200, answer);
    },
    view: async ({ member, params }) => ({ conversation: await conversations.view(member, params.id) }),
    accept: async ({ member, params }) => {
      const change = await conversations.accept(member, params.id);
      events.changed(change.conversation.id, change);
      return { conversation: change.conversation };
    },
    decline: async ({ member, params }) => {
      const change = await conversations.decline(member, params.id);
      events.left(params.id, change.left, change.notify);
      return undefined;
    },
    leave: async ({ member, params }) => {
      const change = await conversations.leave(member, params.id);
      events.left(params.id, change.left, change.notify);
      return undefined;
    },
    addMembers: async ({ member, params, body }) => {
      const change = await conversations.addMembers(member, params.id, body);
      events.changed(params.id, change);
      return { conversation: change.conversation };
    },
    mute: async ({ member, params, body }) => ({
      conversation: await conversations.mute(member, params.id, body.muted),
    }),
    read: async ({ member, params, body }) => {
      const seq = await conversations.markRead(member, params.id, body.seq);
      if (seq !== null) events.read(params.id, member.id, seq);
      return undefined;
    },
  };
}
