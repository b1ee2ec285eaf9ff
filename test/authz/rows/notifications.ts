import { membersOnly, probe, type AuthzRow } from '../matrix';

/** A member's own notifications: any signed-in member, about their own; never a visitor. */
export const rows: AuthzRow[] = [
  probe('get', '/notifications', membersOnly(200)),
  probe('get', '/notifications/unread', membersOnly(200)),
  probe('post', '/notifications/read-all', membersOnly(200)),
  // Someone else's notification, or none: the same 404.
  probe('post', '/notifications/:id/read', membersOnly(404)),
  probe('get', '/notifications/preferences', membersOnly(200)),
  probe('put', '/notifications/preferences', membersOnly(200), { digest: 'weekly' }),
];
