import type { DocumentedTable } from '../contract';
import { categoryApi } from './categories';
import { curationApi } from './curation';
import { notificationApi } from './notifications';
import { searchApi } from './search';
import { postApi, threadApi } from './threads';

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
];
