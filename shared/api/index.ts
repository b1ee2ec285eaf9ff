import type { DocumentedTable } from '../contract';
import { notificationApi } from './notifications';
import { memberModerationApi, moderationApi } from './moderation';
import { safeguardApi } from './safeguards';

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
