import type { DocumentedTable } from '../contract';
import { conversationApi, messageApi, messagingPrivacyApi } from './messaging';
import { notificationApi } from './notifications';

/**
 * Every table of the API, in the order the reference shows them. A route missing here is missing from
 * the OpenAPI document and from the authorization matrix, and the suite says so.
 */
export const API_TABLES: readonly DocumentedTable[] = [
  {
    tag: 'notifications',
    description: 'The signed-in member\u2019s notifications and how they are delivered.',
    table: notificationApi,
  },
  {
    tag: 'conversations',
    description: 'Direct and group conversations: the inbox, message requests, membership and read marks.',
    table: conversationApi,
  },
  {
    tag: 'messages',
    description:
      'The messages of a conversation: history, sending (idempotent by client key), edits, reports.',
    table: messageApi,
  },
  {
    tag: 'messaging-privacy',
    description: 'Blocked members, and who may start a conversation with the member.',
    table: messagingPrivacyApi,
  },
];
