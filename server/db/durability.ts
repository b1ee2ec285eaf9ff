import type pg from 'pg';
import type { Logger } from '@server/logger';

/** The settings without which PostgreSQL may lose, in a crash, a commit it has already acknowledged. */
const DURABILITY_SETTINGS = ['fsync', 'synchronous_commit'] as const;

/**
 * Warns when the PostgreSQL server runs with `fsync` or `synchronous_commit` off (server-wide, or set on
 * this database or role): Ágora tells a member their post or message is saved once the commit returns,
 * and with either off a crash of the database server can lose it. Returns the settings found off.
 */
export async function warnIfCommitsMayBeLost(pool: pg.Pool, logger: Logger): Promise<string[]> {
  const off: string[] = [];
  for (const setting of DURABILITY_SETTINGS) {
    const { rows } = await pool.query<Record<string, string>>(`show ${setting}`);
    if (rows[0]?.[setting] === 'off') off.push(setting);
  }
  if (off.length) {
    logger.warn(
      { settings: Object.fromEntries(off.map((setting) => [setting, 'off'])) },
      `PostgreSQL runs with ${off.map((setting) => `${setting} = off`).join(' and ')}: a post or message ` +
        'Ágora has confirmed can be lost if the database server crashes. Turn it back on for production ' +
        '(docs/deploying.md, "Durability").',
    );
  }
  return off;
}
