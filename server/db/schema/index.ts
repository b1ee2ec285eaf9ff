/**
 * The relational schema, one file per feature. Migrations under `../migrations/` are generated from
 * these files by drizzle-kit (`npm run migrate:generate`), reviewed, committed, and never edited after
 * they land.
 */
export * from './members';
export * from './forum';
export * from './sessions';
export * from './messaging';
export * from './audit';
export * from './identity';
export * from './notifications';
export * from './moderation';
