import type { DocumentedTable } from '../contract';
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
];
