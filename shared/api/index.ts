import type { DocumentedTable } from '../contract';
import { accountEmailApi, authApi } from './auth';
import { categoryApi } from './categories';
import { conversationApi, messageApi, messagingPrivacyApi } from './messaging';
import { curationApi } from './curation';
import { directoryApi, privacyApi } from './directory';
import { identityApi, reauthenticationApi, securityApi } from './security';
import { memberModerationApi, moderationApi } from './moderation';
import { notificationApi } from './notifications';
import { postApi, threadApi } from './threads';
import { roleApi } from './admin';
import { safeguardApi } from './safeguards';
import { searchApi } from './search';

/**
 * Every table of the API, in the order the reference shows them. A route missing here is missing from
 * the OpenAPI document and from the authorization matrix, and the suite says so.
 */
export const API_TABLES: readonly DocumentedTable[] = [
  {
    tag: 'auth',
    description: 'The session, sign-in, registration, sign-out and the account\u2019s own settings.',
    table: authApi,
  },
  {
    tag: 'account-emails',
    description: 'E-mail verification, password reset and e-mail change, through e-mailed links.',
    table: accountEmailApi,
  },
  {
    tag: 'security',
    description: 'The member\u2019s sessions, password and second factor.',
    table: securityApi,
  },
  {
    tag: 'reauthentication',
    description: 'Proving again who one is before a sensitive action.',
    table: reauthenticationApi,
  },
  {
    tag: 'identities',
    description:
      'Identity providers linked to the account, and the profile review after signing up through one.',
    table: identityApi,
  },
  {
    tag: 'notifications',
    description: 'The signed-in member\u2019s notifications and how they are delivered.',
    table: notificationApi,
  },
  {
    tag: 'directory',
    description:
      'The peer directory, members\u2019 profiles, the member\u2019s own profile and avatar, and the verified badge.',
    table: directoryApi,
  },
  {
    tag: 'privacy',
    description: 'The member\u2019s own data: the archive download and account deletion.',
    table: privacyApi,
  },
  {
    tag: 'roles',
    description: 'Staff roles and moderator scopes, managed by admins.',
    table: roleApi,
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
  {
    tag: 'categories',
    description: 'Categories in the reader\u2019s language, and their administration.',
    table: categoryApi,
  },
  {
    tag: 'threads',
    description: 'Thread lists and pages, new threads and replies, accepted answers, following, reading.',
    table: threadApi,
  },
  {
    tag: 'posts',
    description: 'Editing, deleting and reacting to posts, their earlier versions, and previews.',
    table: postApi,
  },
  {
    tag: 'curation',
    description:
      'Moderators\u2019 thread tools (pin, feature, lock, close, slow mode, edit, move, merge) and featured threads.',
    table: curationApi,
  },
  {
    tag: 'search',
    description: 'Search across threads, posts and members, and the header box\u2019s suggestions.',
    table: searchApi,
  },
  {
    tag: 'flags-and-notices',
    description:
      'The members\u2019 side of moderation: flagging content, one\u2019s own notices and appeals, and the public moderation log.',
    table: memberModerationApi,
  },
  {
    tag: 'moderation',
    description:
      'Staff: the review queue, its items and the actions taken from them, member-level actions, and the audit log.',
    table: moderationApi,
  },
  {
    tag: 'safeguards',
    description:
      'Staff: membership applications, posts the safeguards held or flagged, and the watched words.',
    table: safeguardApi,
  },
];
