import { everyone, membersOnly, probe, type AuthzRow } from '../matrix';

/**
 * The forum and search, asked about threads, posts and categories that do not exist: reading is open to
 * visitors; writing needs a signed-in member, and what the body or the missing target says comes after.
 */
export const rows: AuthzRow[] = [
  probe('get', '/categories', everyone(200)),
  probe('get', '/categories/:slug', everyone(404)),
  probe('get', '/categories/:slug/threads', everyone(404)),
  probe('get', '/threads', everyone(200)),
  probe('get', '/threads/featured', everyone(200)),
  probe('post', '/threads', membersOnly(400), {}),
  probe('get', '/threads/:id', everyone(404)),
  probe('patch', '/threads/:id', membersOnly(400), {}),
  // Missed posts need the position they follow (`after`).
  probe('get', '/threads/:id/posts', everyone(400)),
  probe('post', '/threads/:id/posts', membersOnly(400), {}),
  probe('post', '/threads/:id/accept', membersOnly(400), {}),
  probe('put', '/threads/:id/follow', membersOnly(404)),
  probe('delete', '/threads/:id/follow', membersOnly(404)),
  probe('put', '/threads/:id/read', membersOnly(400), {}),
  probe('patch', '/posts/:id', membersOnly(400), {}),
  // Members who may not write are refused before anything is looked up.
  probe('delete', '/posts/:id', membersOnly(404, { pending: 403, suspended: 403 })),
  probe('post', '/posts/:id/reactions', membersOnly(400), {}),
  probe('get', '/posts/:id/revisions', membersOnly(404)),
  probe('post', '/preview', membersOnly(400), {}),
  probe('get', '/search', everyone(400)),
  probe('get', '/search/suggest', everyone(400)),
];
