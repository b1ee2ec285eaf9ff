import { Writable } from 'node:stream';
import { expect } from 'chai';
import pg from 'pg';
import { pino } from 'pino';
import { parseConfig } from '@server/config';
import { openDatabase } from '@server/db/open';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';

/** Opens the database of `url` as the server does at start, and returns what it logged at warn and above. */
async function startupWarnings(url: string): Promise<{ msg: string; settings?: Record<string, string> }[]> {
  const lines: string[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const database = await openDatabase(parseConfig({ NODE_ENV: 'test', DATABASE_URL: url }), logger);
  await database.close();
  return lines.map((line) => JSON.parse(line) as { msg: string; settings?: Record<string, string> });
}

const describeWithServer = process.env.DATABASE_URL ? describe : describe.skip;

describeWithServer('the durability of commits on a PostgreSQL server', () => {
  const scratches: ScratchDatabase[] = [];
  after(async () => {
    for (const scratch of scratches) await scratch.drop();
  });

  it('warns at start when synchronous_commit is off, naming the setting', async function () {
    this.timeout(60_000);
    const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'durability');
    scratches.push(scratch);
    // On this database only: the shared server's own settings stay as they are.
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(`alter database "${scratch.name}" set synchronous_commit = off`);
    await admin.end();

    const warnings = await startupWarnings(scratch.url);
    const warning = warnings.find((line) => line.settings?.synchronous_commit === 'off');
    expect(warning?.msg).to.include('synchronous_commit = off');
    expect(warning?.msg).to.include('can be lost if the database server crashes');
  });

  it('says nothing when both settings are on', async function () {
    this.timeout(60_000);
    const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? '', 'durability');
    scratches.push(scratch);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query<{ fsync: string }>('show fsync');
    await client.end();
    if (rows[0]?.fsync !== 'on') this.skip(); // a server tuned for throwaway data: nothing to compare with

    const warnings = await startupWarnings(scratch.url);
    expect(warnings.filter((line) => line.settings)).to.deep.equal([]);
  });
});
