import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { startAgora } from '@server/server';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '@server/seed/demo-data';
import { ApiClient } from '../helpers/http';
import { getTestApp, startTestApp } from '../helpers/app';
import { buildMember, quietDatabase } from '../helpers/factories';
import { sessionCookieFrom } from '../helpers/sockets';
import { seedDemoIfEmpty } from '@server/seed/demo';
import { createMemberService } from '@server/members/member.service';
import { createForum } from '@server/forum/forum';
import { createDirectoryService } from '@server/directory/directory.service';

describe('demo content', () => {
  it('seeds an empty database with the themes and members from many countries and sectors', async function () {
    this.timeout(60_000);
    const app = await startTestApp({}, { seed: true });
    try {
      expect(app.seedReport?.seeded).to.equal(true);
      const themes = await new ApiClient(app.url, undefined, 'pt').get('/api/v1/categories').expect(200);
      expect(themes.body.items.map((c: { slug: string }) => c.slug)).to.deep.equal([
        'good-governance',
        'open-government',
        'public-sector-innovation',
        'digital-government-open-data',
        'citizen-participation',
      ]);
      expect(themes.body.items[1]).to.include({ name: 'Governo aberto', lang: 'pt' });

      const { rows } = await app.pool.query<{ role: string; country: string; sector: string }>(
        `select m.role, p.country, p.sector from members m join profiles p on p.member_id = m.id`,
      );
      const regular = rows.filter((r) => r.role === 'member');
      expect(regular.length).to.be.at.least(12);
      expect(new Set(rows.map((r) => r.country)).size).to.be.at.least(8);
      expect(new Set(rows.map((r) => r.sector))).to.include.members([
        'government',
        'civil-society',
        'business',
        'academia',
      ]);
      expect(rows.map((r) => r.role)).to.include.members(['admin', 'moderator']);

      const demo = DEMO_MEMBERS.find((m) => m.role === 'member');
      const signIn = await new ApiClient(app.url).signIn(demo?.email ?? '', DEMO_PASSWORD);
      expect(signIn.status).to.equal(200);
    } finally {
      await app.dispose();
    }
  });

  it('never seeds a database that has data', async () => {
    const app = await getTestApp();
    await buildMember();
    const before = await app.pool.query('select count(*)::int as n from categories');
    const members = createMemberService(app.db);
    const forum = createForum(
      quietDatabase(app.db),
      members,
      createDirectoryService(app.db),
      createLogger('silent'),
    );
    const report = await seedDemoIfEmpty({ members, ...forum }, createLogger('silent'));
    await forum.views.stop();
    expect(report.seeded).to.equal(false);
    const after = await app.pool.query('select count(*)::int as n from categories');
    expect(after.rows[0].n).to.equal(before.rows[0].n);
    const demo = await app.pool.query('select count(*)::int as n from members where email = $1', [
      DEMO_MEMBERS[0]?.email,
    ]);
    expect(demo.rows[0].n).to.equal(0);
  });
});

describe('restarting on the embedded database', () => {
  it('keeps the data in DATA_DIR across a clean stop and start', async function () {
    this.timeout(90_000);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-restart-'));
    const config = parseConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    const logger = createLogger('silent');
    try {
      const first = await startAgora(config, logger, { seed: true });
      expect(first.seedReport?.seeded).to.equal(true);
      const client = new ApiClient(first.url);
      const registered = await client.send('post', '/api/v1/auth/register', {
        email: 'persistent@example.org',
        password: 'los datos sobreviven',
        displayName: 'Persistente',
      });
      expect(registered.status).to.equal(201);
      await first.stop();

      const second = await startAgora(config, logger, { seed: true });
      try {
        expect(second.seedReport?.seeded).to.equal(false);
        const again = new ApiClient(second.url);
        const signIn = await again.signIn('persistent@example.org', 'los datos sobreviven');
        expect(signIn.status).to.equal(200);
        // The session secret is kept in DATA_DIR too, so a session from before the restart still works.
        const session = await new ApiClient(second.url)
          .get('/api/v1/session')
          .set('Cookie', sessionCookieFrom(registered))
          .expect(200);
        expect(session.body.user.displayName).to.equal('Persistente');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
