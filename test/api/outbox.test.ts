import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { startAgora, type RunningAgora } from '@server/server';
import { claimDue } from '@server/mail/outbox.queries';
import { ApiClient } from '../helpers/http';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';

describe('the e-mail outbox across a crash', function () {
  let smtp: TestSmtp;
  let dataDir: string;
  let scratch: ScratchDatabase | undefined;

  before(async () => {
    smtp = await startSmtp();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-outbox-'));
    if (process.env.DATABASE_URL) scratch = await createScratchDatabase(process.env.DATABASE_URL);
  });
  after(async () => {
    await smtp.close();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends every committed e-mail exactly once after the sender was stopped between commit and send', async function () {
    this.timeout(120_000);
    const config = parseConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: scratch?.url,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
    });
    const logger = createLogger('silent');
    const addresses = ['uno@example.org', 'dos@example.org', 'tres@example.org'];

    // First life: the events commit, the sender never gets to send.
    let running: RunningAgora = await startAgora(config, logger, { outbox: { autoStart: false } });
    try {
      for (const email of addresses) {
        const client = new ApiClient(running.url);
        const res = await client.send('post', '/api/v1/auth/register', {
          email,
          password: 'una clave larga y rara',
          displayName: `Persona ${email}`,
        });
        expect(res.status).to.equal(201);
      }
      // One row was even claimed by a sender that then died: its lease must expire, not lose the row.
      expect(await claimDue(running.db, 1, 1)).to.have.length(1);
    } finally {
      await running.stop();
    }
    expect(smtp.received).to.have.length(0);

    // Second life: the worker starts with the server and sends what the outbox holds.
    running = await startAgora(config, logger, { outbox: { pollMs: 50 } });
    try {
      const mails = await smtp.waitFor((m) => addresses.includes(m.to), 3);
      // Drain again: nothing is left, nothing goes twice.
      expect(await running.mailWorker.runOnce()).to.equal(0);
      const ids = smtp.received.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(mails.map((m) => m.to).sort()).to.deep.equal([...addresses].sort());
      expect(smtp.received).to.have.length(3);
    } finally {
      await running.stop();
    }
  });

  it('records a failure when the SMTP server is down and backs off before the next attempt', async function () {
    this.timeout(60_000);
    const down = await startSmtp();
    await down.close();
    const config = parseConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'agora-outbox-retry-')),
      SMTP_URL: down.url,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
    });
    const running = await startAgora(config, createLogger('silent'), {
      inMemoryDatabase: true,
      outbox: { autoStart: false, backoffBaseSeconds: 3600 },
    });
    try {
      const client = new ApiClient(running.url);
      await client.send('post', '/api/v1/auth/register', {
        email: 'reintento@example.org',
        password: 'una clave larga y rara',
        displayName: 'Reintento',
      });
      expect(await running.mailWorker.runOnce()).to.equal(1);
      const { rows } = await running.pool.query<{
        attempts: number;
        last_error: string | null;
        due: boolean;
      }>("select attempts, last_error, send_after > now() + interval '30 minutes' as due from mail_outbox");
      expect(rows).to.have.length(1);
      expect(rows[0]?.attempts).to.equal(1);
      expect(rows[0]?.last_error).to.be.a('string');
      // Backed off: not due again for an hour, so the next run sends nothing.
      expect(rows[0]?.due).to.equal(true);
      expect(await running.mailWorker.runOnce()).to.equal(0);
    } finally {
      await running.stop();
      await rm(config.dataDir, { recursive: true, force: true });
    }
  });
});
