import type { conversationApi } from '@shared/api/messaging';
import { reply, type RouteHandlers } from '@server/http/mount';
import type { ConversationService } from './conversation.service';

/** Conversations: list, start, read one, answer requests, membership, mute, read marks, unread badge. */
export function conversationHandlers(
  conversations: ConversationService,
): RouteHandlers<typeof conversationApi> {
  return {
    list: ({ member, query }) => conversations.list(member, query),
    unread: ({ member }) => conversations.unread(member),
    start: async ({ member, body }) => {
      const change = await conversations.start(member, body);
      const answer = { conversation: change.conversation, message: change.message };
      // Starting a direct conversation that already exists answers it (and any first message) with 200.
      return change.created ? answer : reply(200, answer);
    },
    view: async ({ member, params }) => ({ conversation: await conversations.view(member, params.id) }),
    accept: async ({ member, params }) => ({
      conversation: (await conversations.accept(member, params.id)).conversation,
    }),
    decline: async ({ member, params }) => {
      await conversations.decline(member, params.id);
      return undefined;
    },
    leave: async ({ member, params }) => {
      await conversations.leave(member, params.id);
      return undefined;
    },
    addMembers: async ({ member, params, body }) => ({
      conversation: (await conversations.addMembers(member, params.id, body)).conversation,
    }),
    mute: async ({ member, params, body }) => ({
      conversation: await conversations.mute(member, params.id, body.muted),
    }),
    read: async ({ member, params, body }) => {
      await conversations.markRead(member, params.id, body.seq);
      return undefined;
    },
  };
}
