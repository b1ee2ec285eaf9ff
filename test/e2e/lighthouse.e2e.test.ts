import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { chromiumPath } from '../helpers/browser';
import { buildCategory, buildMember, buildReply, buildThread, unique } from '../helpers/factories';
import { auditPage, describeFailures, launchChromium, type DebuggableChromium } from '../helpers/lighthouse';

// Lighthouse's SEO and accessibility categories (their audits are not timed: no throttling matters) on
// the pages search engines and most readers land on, and the directory. The full audit, performance included, is
// bench/lighthouse.ts.
describe('Lighthouse: SEO and accessibility of the server-rendered pages', function () {
  this.timeout(60_000);
  let app: TestApp;
  let chromium: DebuggableChromium | undefined;
  let threadId: string;

  before(async function () {
    const executablePath = chromiumPath();
    if (!executablePath) {
      if (process.env.REQUIRE_BROWSER === '1') throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
      process.stderr.write(
        '\n  !!! Lighthouse tests SKIPPED: no Chromium at CHROMIUM_PATH or /usr/bin/chromium.\n\n',
      );
      this.skip();
    }
    app = await getTestApp();
    const category = await buildCategory();
    const author = await buildMember({ displayName: 'Inés Castillo', locale: 'es' });
    const thread = await buildThread(author, {
      categoryId: category.id,
      title: `Datos abiertos de contratación ${unique()}`,
      kind: 'discussion',
      body: 'El portal publica los contratos cada trimestre.\n\n**¿Qué formato usan ustedes?**',
      lang: 'es',
    });
    threadId = thread.id;
    await buildReply(author, thread.id, { body: 'Usamos OCDS, con un diccionario de datos en español.' });
    chromium = await launchChromium(executablePath);
  });
  after(async () => {
    await chromium?.close();
  });

  for (const [name, address] of [
    ['thread page', () => `/t/${threadId}`],
    ['home page', () => '/'],
    ['directory', () => '/members'],
  ] as const) {
    it(`scores 100 in SEO and accessibility on the ${name}`, async function () {
      if (!chromium) return this.skip();
      const audit = await auditPage(`${app.url}${address()}`, chromium.port, ['seo', 'accessibility']);
      expect(audit.scores, describeFailures(audit.failing)).to.deep.equal({ seo: 100, accessibility: 100 });
    });
  }
});
