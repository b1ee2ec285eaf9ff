import type pg from 'pg';

/** The number of rows of every table of the app's schema (the connection's current one), by table name. */
export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  if (tables.length === 0) return {};
  const { rows } = await pool.query<{ name: string; n: number }>(
    tables
      .map(({ name }) => `select '${name.replace(/'/g, "''")}' as name, count(*)::int as n from "${name}"`)
      .join(' union all '),
  );
  return Object.fromEntries(rows.map(({ name, n }) => [name, n]));
}

/** The tables whose row count differs between two snapshots, with both counts. */
export function changedTables(
  before: Record<string, number>,
  after: Record<string, number>,
  ignore: readonly string[] = [],
): Record<string, [number | undefined, number | undefined]> {
  const changed: Record<string, [number | undefined, number | undefined]> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(name)) continue;
    if (before[name] !== after[name]) changed[name] = [before[name], after[name]];
  }
  return changed;
}
