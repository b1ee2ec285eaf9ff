import { expect } from 'chai';
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../helpers/app';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/database';
import { relay } from '../helpers/relay';

describe('a page while the database is away', function () {
  this.timeout(60_000);
  let scratch: ScratchDatabase | undefined;
  let app: TestApp | undefined;
  let link: ReturnType<typeof relay>;

  before(async function () {
    // The embedded database has no connection to cut from outside the process.
    if (!process.env.DATABASE_URL) this.skip();
    scratch = await createScratchDatabase(process.env.DATABASE_URL, 'outage');
    const url = new URL(scratch.url);
    link = relay({ host: url.hostname, port: Number(url.port || 5432) });
    await link.listen();
    url.host = `127.0.0.1:${link.port}`;
    app = await startTestApp({ DATABASE_URL: url.toString() });
  });
  after(async () => {
    await app?.dispose();
    await scratch?.drop();
  });

  it('answers 503 with a localized page and Retry-After, then the page again once it is back', async () => {
    const page = () =>
      supertest(app?.url ?? '')
        .get('/latest')
        .set('Accept-Language', 'fr');
    await page().expect(200);

    await link.cut();
    const away = await page();
    expect(away.status).to.equal(503);
    expect(away.headers['retry-after']).to.equal('30');
    expect(away.headers['content-type']).to.match(/html/);
    expect(away.text).to.include('<html lang="fr">');
    expect(away.text).to.include('Ágora est momentanément indisponible');
    expect(away.text).not.to.match(/<script/);

    await link.listen();
    await page().expect(200);
  });
});
