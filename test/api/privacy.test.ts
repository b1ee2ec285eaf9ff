import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { CSRF_HEADER } from '@shared/constants';
import type { PersonalDataArchive } from '@server/privacy/privacy.service';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

describe('your data: export and account deletion', () => {
  let app: TestApp;

  before(async () => {
    app = await getTestApp();
  });

  async function signedIn(member: { email: string; password: string }) {
    const client = new ApiClient(app.url, undefined, 'en');
    await client.signIn(member.email, member.password);
    return client;
  }

  it('refuses anonymous visitors with 401', async () => {
    await new ApiClient(app.url).get('/api/v1/me/export').expect(401);
    expect(
      (await new ApiClient(app.url).send('delete', '/api/v1/me', { confirmHandle: 'x' })).status,
    ).to.equal(401);
  });

  it('exports what the member wrote and chose, nothing of other members, and logs the export', async () => {
    const member = await buildMember({ displayName: `Exporter ${unique()}` });
    const moderator = await buildMember({ role: 'moderator', displayName: `Moderator ${unique()}` });
    const other = await buildMember({ displayName: `Other ${unique()}`, profile: { city: 'Secret City' } });
    const client = await signedIn(member);
    await client.send('patch', '/api/v1/me/profile', {
      headline: 'Budget transparency',
      city: 'Quito',
      bio: 'I mention @' + other.handle,
      visibility: { city: 'private' },
      openToExchange: true,
    });
    const staff = await signedIn(moderator);
    await staff.send('put', `/api/v1/members/${member.handle}/verification`, {
      roleText: 'Budget office',
      reason: `Checked by ${moderator.displayName}`,
    });

    const res = await client.get('/api/v1/me/export').expect(200);
    expect(res.headers['content-disposition']).to.match(
      /^attachment; filename="agora-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const archive = JSON.parse(res.text) as PersonalDataArchive;
    expect(archive.format).to.equal('agora-personal-data');
    const data = archive.data as {
      account: { email: string; handle: string };
      profile: {
        headline: string;
        city: string;
        visibility: Record<string, string>;
        openToExchange: boolean;
      };
      accountHistory: { action: string }[];
    };
    expect(data.account).to.include({ email: member.email, handle: member.handle });
    expect(data.profile).to.include({ headline: 'Budget transparency', city: 'Quito', openToExchange: true });
    expect(data.profile.visibility.city).to.equal('private');
    expect(data.accountHistory.map((entry) => entry.action)).to.include('profile.verify');
    for (const foreign of [
      other.email,
      'Secret City',
      moderator.email,
      moderator.id,
      moderator.displayName,
    ]) {
      expect(res.text).not.to.contain(foreign);
    }
    expect(res.text).not.to.match(/password/i);
    const { rows } = await app.pool.query(
      `select count(*)::int as n from audit_log where action = 'account.export' and actor_id = $1`,
      [member.id],
    );
    expect(rows[0].n).to.equal(1);
  });

  it('asks for the handle as confirmation', async () => {
    const member = await buildMember();
    const client = await signedIn(member);
    const res = await client.send('delete', '/api/v1/me', { confirmHandle: 'someone_else' });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields.confirmHandle.code).to.equal('confirmation_mismatch');
    expect((await client.send('delete', '/api/v1/me', {})).status).to.equal(400);
    expect((await client.session()).user?.id).to.equal(member.id);
  });

  it('erases the account: no table keeps the member’s id, e-mail or name; the deletion is logged', async () => {
    const name = `Erasable Person ${unique()}`;
    const member = await buildMember({ displayName: name, role: 'moderator' });
    const target = await buildMember();
    const client = await signedIn(member);
    const second = await signedIn(member);
    await client.send('patch', '/api/v1/me/profile', { headline: 'To be erased', bio: 'Bio of ' + name });
    if (!client.csrfToken) await client.session();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const avatar = await client.agent
      .put('/api/v1/me/avatar')
      .set('X-Forwarded-For', client.ip)
      .set(CSRF_HEADER, client.csrfToken ?? '')
      .set('Content-Type', 'image/png')
      .send(png);
    const avatarFile = path.join(
      app.config.dataDir,
      'avatars',
      path.basename(avatar.body.profile.avatarUrl as string),
    );
    expect(existsSync(avatarFile)).to.equal(true);
    // Traces in the audit log as actor (verifying someone) and as target (their own export).
    await client.send('put', `/api/v1/members/${target.handle}/verification`, {
      roleText: 'Verified by the erased',
    });
    await client.get('/api/v1/me/export').expect(200);

    const res = await client.send('delete', '/api/v1/me', { confirmHandle: member.handle.toUpperCase() });
    expect(res.status).to.equal(204);
    expect((await client.session()).user).to.equal(null);
    expect((await second.session()).user).to.equal(null);
    expect((await client.signIn(member.email, member.password)).status).to.equal(401);
    await new ApiClient(app.url).get(`/api/v1/members/${member.handle}`).expect(404);
    expect(existsSync(avatarFile)).to.equal(false);

    const { rows: columns } = await app.pool.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
    }>(
      `select c.table_schema, c.table_name, c.column_name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema not in ('pg_catalog', 'information_schema') and t.table_type = 'BASE TABLE'`,
    );
    expect(columns.length).to.be.greaterThan(20);
    const needles = [member.id, member.email, name, member.handle];
    const found: string[] = [];
    for (const { table_schema, table_name, column_name } of columns) {
      const { rows } = await app.pool.query<{ n: number }>(
        `select count(*)::int as n from "${table_schema}"."${table_name}"
          where ${needles.map((_, i) => `position($${i + 1} in "${column_name}"::text) > 0`).join(' or ')}`,
        needles,
      );
      if ((rows[0]?.n ?? 0) > 0) found.push(`${table_schema}.${table_name}.${column_name}`);
    }
    expect(found).to.deep.equal([]);

    const { rows: log } = await app.pool.query(
      `select actor_id, target_id from audit_log where action = 'account.delete' order by id desc limit 1`,
    );
    expect(log).to.deep.equal([{ actor_id: null, target_id: null }]);
    // The verification they made is still on record, without their identity.
    const { rows: kept } = await app.pool.query(
      `select actor_id from audit_log where action = 'profile.verify' and target_id = $1`,
      [target.id],
    );
    expect(kept).to.deep.equal([{ actor_id: null }]);
  });
});
