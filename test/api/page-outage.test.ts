import { expect } from 'chai';
import supertest from 'supertest';
import type { TestApp } from '../helpers/app';
import { appBehindRelay, type Relay } from '../helpers/relay';

describe('a page while the database is away', function () {
  this.timeout(60_000);
  let app: TestApp | undefined;
  let link: Relay;
  let dispose: (() => Promise<void>) | undefined;

  before(async function () {
    // The embedded database has no connection to cut from outside the process.
    if (!process.env.DATABASE_URL) this.skip();
    ({ app, link, dispose } = await appBehindRelay(process.env.DATABASE_URL, 'outage'));
  });
  after(async () => {
    await dispose?.();
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
