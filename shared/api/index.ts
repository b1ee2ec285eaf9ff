import type { DocumentedTable } from '../contract';
import { roleApi } from './admin';
import { directoryApi, privacyApi } from './directory';
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
];
