import { sql, type SQL } from 'drizzle-orm';
import { timestamp } from 'drizzle-orm/pg-core';
import { LOCALES } from '@shared/constants';

/** `created_at timestamptz not null default now()`. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The SQL list `'a', 'b'` for a CHECK constraint over a fixed vocabulary. */
export const inList = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** The product's languages, for CHECK constraints. */
export const LOCALE_LIST = inList(LOCALES);
