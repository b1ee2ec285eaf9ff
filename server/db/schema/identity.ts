import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { members } from './members';

/**
 * A member's sign-in through an OpenID Connect provider. The provider's `sub` is kept only as a keyed
 * HMAC: some providers use national ID numbers as subjects, and the link needs equality, not the value.
 */
export const memberIdentities = pgTable(
  'member_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subjectHash: text('subject_hash').notNull(),
    /** The provider's assurance claim as sent (e.g. a trust level), if it sends one. */
    assurance: text('assurance'),
    /** Whether that assurance meets the provider's configured level for "identity verified". */
    identityVerified: boolean('identity_verified').notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('member_identities_subject_key').on(t.provider, t.subjectHash),
    uniqueIndex('member_identities_member_provider_key').on(t.memberId, t.provider),
    check('member_identities_subject_hash_format', sql`${t.subjectHash} ~ '^[A-Za-z0-9_-]{43}$'`),
  ],
);

/** A member's TOTP second factor; the secret is encrypted, `enabled_at` is null until the first code. */
export const memberTotp = pgTable(
  'member_totp',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    secretEncrypted: text('secret_encrypted').notNull(),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    /** The last 30-second step a code was accepted for: a code is never accepted twice. */
    lastUsedStep: integer('last_used_step'),
    createdAt: createdAt(),
  },
  (t) => [check('member_totp_step_positive', sql`${t.lastUsedStep} is null or ${t.lastUsedStep} > 0`)],
);

/** Single-use recovery codes of the second factor, stored as SHA-256 of high-entropy codes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('recovery_codes_member_hash_key').on(t.memberId, t.codeHash),
    index('recovery_codes_member_idx').on(t.memberId),
  ],
);
