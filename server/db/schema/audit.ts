import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { members } from './members';

/**
 * The audit trail of staff and account actions. Rows are appended, never rewritten: a trigger refuses
 * UPDATE and DELETE, except erasing a deleted member's identifiers (actor, target, before/after), which
 * the right to erasure requires.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => members.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    reason: text('reason'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [
    check('audit_log_action_format', sql`${t.action} ~ '^[a-z_]+(\\.[a-z_]+)+$'`),
    check('audit_log_reason_length', sql`char_length(${t.reason}) <= 500`),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_actor_idx').on(t.actorId),
  ],
);
