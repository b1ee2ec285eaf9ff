import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser } from '../helpers/browser';
import { buildCategory, buildMember, buildReply, buildThread, unique } from '../helpers/factories';

describe('web client: pages rendered on the server', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  let category: { id: string; slug: string };
  let thread: { id: string };
  let handle: string;
  const title = `Secuencia de reformas ${unique()}`;
  const contexts: BrowserContext[] = [];

  before(async function () {
    this.timeout(120_000);
    app = await getTestApp();
    category = await buildCategory();
    const author = await buildMember({ displayName: 'Lucía Paredes', locale: 'es' });
    handle = author.handle;
    thread = await buildThread(author, {
      categoryId: category.id,
      title,
      kind: 'discussion',
      body: 'Primero la ley, luego el portal.',
      lang: 'es',
    });
    for (let i = 1; i <= 101; i += 1) await buildReply(author, thread.id, { body: `Respuesta número ${i}.` });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function newPage(options: { javaScriptEnabled: boolean; locale: string }): Promise<Page> {
    const context = await browser().newContext({ ...options, baseURL: app.url });
    contexts.push(context);
    return context.newPage();
  }

  it('reads a thread without JavaScript, opens its second page and switches language', async function () {
    this.timeout(60_000);
    const page = await newPage({ javaScriptEnabled: false, locale: 'es-ES' });
    await page.goto(`/t/${thread.id}?view=chronological`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Respuesta número 99.').waitFor();
    expect(await page.getByText('Respuesta número 101.').count()).to.equal(0);

    await page.getByRole('link', { name: 'Página siguiente →' }).click();
    await page.waitForURL(/cursor=/);
    await page.getByText('Respuesta número 101.').waitFor();
    expect(await page.getByText('Respuesta número 5.', { exact: true }).count()).to.equal(0);

    await page
      .getByRole('navigation', { name: 'Leer esta página en' })
      .getByRole('link', { name: 'Português' })
      .click();
    await page.waitForURL(/lang=pt/);
    expect(await page.locator('html').getAttribute('lang')).to.equal('pt');
    await page.getByRole('link', { name: '← Primeira página' }).waitFor();
    // The content keeps its own language.
    expect(await page.locator('article.thread-page').getAttribute('lang')).to.equal('es');
    await page.getByRole('link', { name: '← Primeira página' }).click();
    await page.getByText('Respuesta número 1.', { exact: true }).waitFor();
    // Chosen by an address, the language stays for the pages that follow.
    await page.getByRole('link', { name: 'Diretório' }).first().click();
    expect(await page.locator('html').getAttribute('lang')).to.equal('pt');
  });

  for (const kind of ['home', 'category', 'thread', 'profile'] as const) {
    it(`hydrates the ${kind} page without a console error, a browser issue or a second request for its content`, async function () {
      this.timeout(60_000);
      const path = {
        home: '/',
        category: `/c/${category.slug}`,
        thread: `/t/${thread.id}`,
        profile: `/members/${handle}`,
      }[kind];
      const page = await newPage({ javaScriptEnabled: true, locale: 'fr-FR' });
      const problems: string[] = [];
      const reads: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      // What Chromium lists in DevTools' Issues panel (and Lighthouse under best practices): a CSP
      // violation such as an eval probe, a form field with neither id nor name, a label for nothing.
      const cdp = await page.context().newCDPSession(page);
      cdp.on('Audits.issueAdded', ({ issue }) => {
        const details = Object.values(issue.details)[0] as Record<string, unknown> | undefined;
        problems.push(`${issue.code} ${JSON.stringify(details)}`);
      });
      await cdp.send('Audits.enable');
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/api/')) reads.push(`${request.method()} ${url.pathname}`);
      });
      await page.goto(path, { waitUntil: 'networkidle' });
      // Hydrated: the app answers a click without loading a page (client-side navigation).
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
      await page.getByRole('link', { name: 'Annuaire' }).first().click();
      await page.waitForURL(/\/members$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(problems, problems.join('\n')).to.deep.equal([]);
      // Allowed: the directory's own reads after the click, and the thread's catch-up once its live
      // room is joined (the replies written since the page was rendered, usually none).
      const contentReads = reads.filter(
        (read) =>
          !read.startsWith('GET /api/v1/members') && read !== `GET /api/v1/threads/${thread.id}/posts`,
      );
      expect(contentReads, `${kind} asked again for ${contentReads.join(', ')}`).to.deep.equal([]);
    });
  }
});
