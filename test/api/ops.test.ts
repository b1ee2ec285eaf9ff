import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createTranslator } from '@server/i18n/i18n';
import { errorHandler } from '@server/http/errors';
import { requestContext } from '@server/http/request-context';
import { localeMiddleware } from '@server/http/locale';
import { JOBS } from '@server/ops/metrics';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { buildMember, buildThread } from '../helpers/factories';
import { connectSocket } from '../helpers/sockets';
import { startSmtp } from '../helpers/smtp';

/** The value of one series in a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/i.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string): Promise<string> {
  return (await new ApiClient(url).get('/metrics').expect(200)).text;
}

describe('operations endpoints', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  it('/healthz says the process is up', async () => {
    const res = await new ApiClient(app.url).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('/readyz says the database answers', async () => {
    const res = await new ApiClient(app.url).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ready' });
  });

  it('/metrics exposes Prometheus metrics, labelled by route pattern', async () => {
    const client = new ApiClient(app.url);
    await client.get('/api/v1/categories').expect(200);
    const res = await client.get('/metrics').expect(200);
    expect(res.headers['content-type']).to.match(/^text\/plain/);
    expect(res.text).to.contain('agora_process_cpu_user_seconds_total');
    expect(res.text).to.match(
      /agora_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/categories"/,
    );
  });

  it('/metrics times requests by route pattern, never by the raw URL', async () => {
    const author = await buildMember();
    const thread = await buildThread(author);
    await new ApiClient(app.url).get(`/api/v1/threads/${thread.id}`).expect(200);
    const text = await scrape(app.url);
    const labels = { method: 'GET', route: '/api/v1/threads/:id', status: '2xx' };
    expect(sample(text, 'agora_http_request_duration_seconds_count', labels)).to.be.at.least(1);
    expect(
      sample(text, 'agora_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' }),
    ).to.be.at.least(1);
    expect(text).not.to.contain(thread.id);
  });

  it('/metrics counts the sockets connected now, and forgets one that disconnects', async () => {
    const before = sample(await scrape(app.url), 'agora_sockets_connected', { signed_in: 'false' });
    expect(before).to.be.a('number');
    const { socket } = await connectSocket(app.url);
    try {
      const during = await scrape(app.url);
      expect(sample(during, 'agora_sockets_connected', { signed_in: 'false' })).to.equal(before! + 1);
      expect(sample(during, 'agora_socket_connections_total', { signed_in: 'false' })).to.be.at.least(1);
    } finally {
      socket.close();
    }
    let after: number | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      after = sample(await scrape(app.url), 'agora_sockets_connected', { signed_in: 'false' });
      if (after === before) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(after).to.equal(before);
  });

  it('/metrics has a failure counter for every background job from the start', async () => {
    const text = await scrape(app.url);
    for (const job of JOBS) {
      expect(sample(text, 'agora_job_failures_total', { job }), job).to.be.a('number');
    }
    expect(sample(text, 'agora_outbox_backlog', { state: 'due' })).to.be.a('number');
    expect(sample(text, 'agora_outbox_backlog', { state: 'scheduled' })).to.be.a('number');
    expect(sample(text, 'agora_outbox_oldest_due_seconds')).to.be.a('number');
  });

  it('echoes a well-formed request id from the load balancer and replaces a malformed one', async () => {
    const client = new ApiClient(app.url);
    const kept = await client.get('/healthz').set('X-Request-Id', 'lb-1234567890');
    expect(kept.headers['x-request-id']).to.equal('lb-1234567890');
    const replaced = await client.get('/healthz').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });
});

describe('the outbox and job metrics', () => {
  it('show the e-mails waiting, and count a failed delivery once it is retried later', async function () {
    this.timeout(60_000);
    const down = await startSmtp();
    await down.close();
    const app = await startTestApp(
      { SMTP_URL: down.url },
      { outbox: { autoStart: false, backoffBaseSeconds: 3600 } },
    );
    try {
      const res = await new ApiClient(app.url).send('post', '/api/v1/auth/register', {
        email: 'metricas@example.org',
        password: 'una clave larga y rara',
        displayName: 'Métricas',
      });
      expect(res.status).to.equal(201);
      const waiting = await scrape(app.url);
      expect(sample(waiting, 'agora_outbox_backlog', { state: 'due' })).to.equal(1);
      expect(sample(waiting, 'agora_outbox_backlog', { state: 'scheduled' })).to.equal(0);
      expect(sample(waiting, 'agora_outbox_oldest_due_seconds')).to.be.at.least(0);
      expect(sample(waiting, 'agora_job_failures_total', { job: 'mail_delivery' })).to.equal(0);

      // The mail server is down: the attempt fails and the e-mail waits an hour for its retry.
      expect(await app.mailWorker.runOnce()).to.equal(1);
      const failed = await scrape(app.url);
      expect(sample(failed, 'agora_job_failures_total', { job: 'mail_delivery' })).to.equal(1);
      expect(sample(failed, 'agora_job_failures_total', { job: 'outbox' })).to.equal(0);
      expect(sample(failed, 'agora_outbox_backlog', { state: 'due' })).to.equal(0);
      expect(sample(failed, 'agora_outbox_backlog', { state: 'scheduled' })).to.equal(1);
      expect(sample(failed, 'agora_outbox_oldest_due_seconds')).to.equal(0);
    } finally {
      await app.dispose();
    }
  });
});

describe('the error middleware', () => {
  it('turns an unexpected error into a localized 500 with the request id, logging the stack only', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const translator = await createTranslator('es');
    const app = express();
    app.use(requestContext(logger));
    app.use(localeMiddleware('es'));
    app.get('/boom', () => {
      throw new Error('secret internal detail');
    });
    app.use(errorHandler(translator, logger, 'es'));

    const res = await supertest(app).get('/boom').set('Accept-Language', 'fr').expect(500);
    const requestId = String(res.headers['x-request-id']);
    expect(res.body.error.code).to.equal('internal_error');
    expect(res.body.error.requestId).to.equal(requestId);
    expect(res.body.error.message).to.equal(
      `Un problème est survenu de notre côté. Réessayez. Référence : ${requestId}`,
    );
    expect(JSON.stringify(res.body)).not.to.contain('secret internal detail');
    const logged = lines.join('');
    expect(logged).to.contain('secret internal detail');
    expect(logged).to.contain(requestId);
  });
});
