import { sql } from 'drizzle-orm';
import { index, json, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Sessions, in the layout connect-pg-simple expects. `member_id` is derived from the session so that a
 * member's sessions can be listed and ended without parsing JSON.
 */
export const sessions = pgTable(
  'session',
  {
    sid: varchar('sid').primaryKey(),
    sess: json('sess').notNull(),
    expire: timestamp('expire', { precision: 6 }).notNull(),
    memberId: uuid('member_id').generatedAlwaysAs(sql`((sess -> 'passport' ->> 'user')::uuid)`),
  },
  (t) => [index('session_expire_idx').on(t.expire), index('session_member_idx').on(t.memberId)],
);
