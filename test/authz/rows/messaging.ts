import { membersOnly, probe, type AuthzRow } from '../matrix';

/**
 * Direct messages, asked about conversations and messages that do not exist: members only, and a
 * conversation one is not in is the same 404 as one that does not exist.
 */
export const rows: AuthzRow[] = [
  probe('get', '/conversations', membersOnly(200)),
  probe('get', '/conversations/unread', membersOnly(200)),
  probe('post', '/conversations', membersOnly(400), {}),
  probe('get', '/conversations/:id', membersOnly(404)),
  probe('post', '/conversations/:id/accept', membersOnly(404)),
  probe('post', '/conversations/:id/decline', membersOnly(404)),
  probe('post', '/conversations/:id/leave', membersOnly(404)),
  probe('post', '/conversations/:id/members', membersOnly(400), {}),
  probe('put', '/conversations/:id/mute', membersOnly(400), {}),
  probe('post', '/conversations/:id/read', membersOnly(400), {}),
  probe('get', '/conversations/:id/messages', membersOnly(404)),
  probe('post', '/conversations/:id/messages', membersOnly(400), {}),
  probe('patch', '/conversations/:id/messages/:messageId', membersOnly(400), {}),
  probe('delete', '/conversations/:id/messages/:messageId', membersOnly(404)),
  probe('post', '/conversations/:id/messages/:messageId/report', membersOnly(400), {}),
  probe('get', '/blocks', membersOnly(200)),
  probe('post', '/blocks', membersOnly(400), {}),
  // Unblocking someone not blocked (or nobody) leaves nothing to undo: 204 all the same.
  probe('delete', '/blocks/:memberId', membersOnly(204)),
  probe('get', '/me/messaging', membersOnly(200)),
  probe('put', '/me/messaging', membersOnly(400), { allow: 'nobody-at-all' }),
];
