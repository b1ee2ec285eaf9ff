import {
  conversationApi,
  messageApi,
  messagingPrivacyApi,
  type AddMembersRequest,
  type MessagePageQuery,
  type ReportReason,
  type StartConversationRequest,
} from '@shared/api/messaging';
import { call } from './call';

/** The member's conversations: the inbox or the message requests. */
export const listConversations = (tab: 'inbox' | 'requests') =>
  call(conversationApi.list, { query: { tab } });

/** Unread messages and pending requests, for the header badge. */
export const fetchUnread = () => call(conversationApi.unread);

/** Starts a conversation (or answers the direct one that exists), optionally with its first message. */
export const startConversation = (body: StartConversationRequest) => call(conversationApi.start, { body });

/** One conversation. */
export const fetchConversation = (id: string) => call(conversationApi.view, { params: { id } });

/** A page of messages: `afterSeq` to catch up, `beforeSeq` for older history. */
export const fetchMessages = (id: string, query: MessagePageQuery) =>
  call(messageApi.list, { params: { id }, query });

/** Sends a message; `clientId` makes a retry answer the message already sent. */
export const sendMessage = (id: string, body: string, clientId: string) =>
  call(messageApi.send, { params: { id }, body: { body, clientId } });

/** Edits one's own message. */
export const editMessage = (id: string, messageId: string, body: string) =>
  call(messageApi.edit, { params: { id, messageId }, body: { body } });

/** Deletes one's own message. */
export const deleteMessage = (id: string, messageId: string) =>
  call(messageApi.remove, { params: { id, messageId } });

/** Reports one message to the moderators. */
export const reportMessage = (id: string, messageId: string, reason: ReportReason) =>
  call(messageApi.report, { params: { id, messageId }, body: { reason } });

/** Moves the member's read mark to `seq`. */
export const markRead = (id: string, seq: number) =>
  call(conversationApi.read, { params: { id }, body: { seq } });

/** Accepts a message request. */
export const acceptRequest = (id: string) => call(conversationApi.accept, { params: { id } });

/** Declines a message request. */
export const declineRequest = (id: string) => call(conversationApi.decline, { params: { id } });

/** Adds people to a group (they see what is said from then on). */
export const addMembers = (id: string, body: AddMembersRequest) =>
  call(conversationApi.addMembers, { params: { id }, body });

/** Leaves a group conversation. */
export const leaveConversation = (id: string) => call(conversationApi.leave, { params: { id } });

/** Mutes or unmutes a conversation. */
export const muteConversation = (id: string, muted: boolean) =>
  call(conversationApi.mute, { params: { id }, body: { muted } });

/** Blocks a member. */
export const blockMember = (memberId: string) => call(messagingPrivacyApi.block, { body: { memberId } });
