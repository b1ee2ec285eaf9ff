import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createTranslator } from '@server/i18n/i18n';
import { errorHandler } from '@server/http/errors';
import { requestContext } from '@server/http/request-context';
import { localeMiddleware } from '@server/http/locale';
import { getTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';

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

  it('echoes a well-formed request id from the load balancer and replaces a malformed one', async () => {
    const client = new ApiClient(app.url);
    const kept = await client.get('/healthz').set('X-Request-Id', 'lb-1234567890');
    expect(kept.headers['x-request-id']).to.equal('lb-1234567890');
    const replaced = await client.get('/healthz').set('X-Request-Id', '<script>');
    expect(replaced.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
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
