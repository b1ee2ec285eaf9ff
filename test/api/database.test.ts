import { expect } from 'chai';
import { getTestApp } from '../helpers/app';

describe('the database pool', () => {
  it('keeps working after an ordinary SQL error, with no reconnection', async () => {
    const app = await getTestApp();
    await app.pool.query('create temporary table if not exists pool_probe (id int primary key)');
    await app.pool.query('insert into pool_probe values (1) on conflict do nothing');
    for (let i = 0; i < 3; i += 1) {
      let failed: unknown;
      try {
        await app.pool.query('insert into pool_probe values ($1)', [1]);
      } catch (error) {
        failed = error;
      }
      expect((failed as { code?: string }).code).to.equal('23505');
      // The temporary table lives in the same connection: seeing it proves the client was kept.
      const { rows } = await app.pool.query<{ n: number }>('select count(*)::int as n from pool_probe');
      expect(rows[0]?.n).to.equal(1);
    }
  });
});
