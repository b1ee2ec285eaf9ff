import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser } from '../helpers/browser';
import { buildCategory, buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { XSS_VECTORS } from '../helpers/xss-vectors';

/** What the listener heard: every script that ran where it should not have, by what it did. */
type Heard = string[];

const FLUSH = '__flush__';

/** Installed in every document and frame before the app's own scripts. */
const LISTENER_SOURCE = `(() => {
  const report = (what) => window.__xssRan(String(what));
  Object.defineProperty(window, '__xss', {
    configurable: false,
    get: () => undefined,
    set: (value) => report('assigned __xss = ' + String(value) + ' in ' + location.href),
  });
  for (const name of ['alert', 'confirm', 'prompt']) {
    Object.defineProperty(window, name, {
      configurable: false,
      value: (...args) => report(name + '(' + args.map(String).join(', ') + ')'),
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    // zod probes whether eval is allowed (try { Function('') }); an eval needs a running script first,
    // which the inline and script-src reports would already have caught.
    if (event.blockedURI === 'eval') return;
    report('csp ' + event.effectiveDirective + ' blocked ' + event.blockedURI + ' ' + event.sample);
  }, true);
})();`;

/**
 * A browser context whose every page and frame reports script execution to the test. Init scripts
 * and bindings go through the DevTools protocol, so the app's CSP does not block them. Vectors
 * assign `window.__xss` / `parent.__xss` or open dialogs; both are trapped, and so are CSP violations
 * (with CSP on, a blocked inline script or handler still means the sanitizer let one through).
 */
async function listeningContext(
  browser: () => Browser,
  url: string,
  bypassCSP: boolean,
): Promise<{ context: BrowserContext; heard: Heard }> {
  const heard: Heard = [];
  const context = await browser().newContext({ baseURL: url, bypassCSP });
  await context.exposeBinding('__xssRan', (_source, what: unknown) => {
    if (what !== FLUSH) heard.push(String(what));
  });
  // Plain source text: a compiled function would carry the test runner's helpers, undefined in the page.
  await context.addInitScript({ content: LISTENER_SOURCE });
  context.on('page', (page) => watchPage(page, heard));
  return { context, heard };
}

function watchPage(page: Page, heard: Heard): void {
  page.on('dialog', (dialog) => {
    heard.push(`dialog ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|frame)/i.test(message.text())) {
      heard.push(`console ${message.text()}`);
    }
  });
}

/** Waits for pending reports: bindings deliver in order, so a flush that arrives means all earlier ones did. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(
    (flush) =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() =>
          setTimeout(() => {
            void (window as unknown as { __xssRan: (w: string) => Promise<void> })
              .__xssRan(flush)
              .then(resolve);
          }, 0),
        );
      }),
    FLUSH,
  );
}

/** The rendered post bodies hold nothing that could run: no script elements, handlers or script URLs. */
async function expectInertBodies(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    for (const body of document.querySelectorAll('.post__body')) {
      for (const el of body.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'style', 'base'].includes(tag)) {
          found.push(`<${tag}>`);
        }
        for (const attr of el.getAttributeNames()) {
          if (attr.startsWith('on') || attr === 'style' || attr === 'srcdoc') found.push(`${tag}[${attr}]`);
        }
        const url = el.getAttribute('href') ?? el.getAttribute('src');
        if (url !== null && !/^(https?:|mailto:|\/|#)/i.test(url.trim())) found.push(`${tag} url ${url}`);
      }
    }
    return found;
  });
  expect(problems, page.url()).to.deep.equal([]);
}

describe('web client: hostile content runs no script', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];
  let categorySlug: string;
  const threadIds: string[] = [];
  let repliesThreadId: string;

  before(async function () {
    this.timeout(180_000);
    app = await getTestApp();
    const author = await buildMember();
    const api = new ApiClient(app.url);
    await api.signIn(author.email, author.password);
    const category = await buildCategory();
    categorySlug = category.slug;
    const tags = ['<script>', '<svg onload=x>', 'javascript:x', '" onmouseover="x', '<img src=x>'];
    for (const [index, vector] of XSS_VECTORS.entries()) {
      const res = await api.send('post', '/api/v1/threads', {
        categoryId: category.id,
        title: `#${index} ${vector}`.slice(0, 200),
        body: vector,
        kind: index % 2 ? 'question' : 'discussion',
        tags,
      });
      expect(res.status, vector).to.equal(201);
      threadIds.push(res.body.thread.id as string);
    }
    const big = await api.send('post', '/api/v1/threads', {
      categoryId: category.id,
      title: '<img src=x onerror=window.__xss=1> <script>window.__xss=1</script>',
      body: XSS_VECTORS.join('\n\n'),
      kind: 'discussion',
    });
    expect(big.status).to.equal(201);
    repliesThreadId = big.body.thread.id as string;
    for (const vector of XSS_VECTORS) {
      const res = await api.send('post', `/api/v1/threads/${repliesThreadId}/posts`, { body: vector });
      expect(res.status, vector).to.equal(201);
    }
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function open(bypassCSP: boolean): Promise<{ page: Page; heard: Heard }> {
    const { context, heard } = await listeningContext(browser, app.url, bypassCSP);
    contexts.push(context);
    const page = await context.newPage();
    return { page, heard };
  }

  describe('the listener (controls: it must hear what it is meant to catch)', () => {
    it('hears a script run by the page, a dialog and an inline handler once CSP is out of the way', async function () {
      this.timeout(60_000);
      const { page, heard } = await open(true);
      await page.goto('/latest');
      await settle(page);
      expect(heard).to.deep.equal([]);
      await page.evaluate(() => {
        (window as unknown as { __xss: number }).__xss = 1;
      });
      await page.evaluate(() => {
        document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image" onerror="window.__xss=2">');
      });
      await page.evaluate(() => {
        const frame = document.createElement('iframe');
        frame.srcdoc = '<script>parent.__xss = 3</script>';
        document.body.append(frame);
      });
      await page.evaluate(() => window.alert('four'));
      await page.waitForFunction(
        () => document.querySelector('iframe')?.contentDocument?.readyState === 'complete',
      );
      await settle(page);
      expect(heard.some((h) => h.startsWith('assigned __xss = 1'))).to.equal(true, heard.join('\n'));
      expect(heard.some((h) => h.startsWith('assigned __xss = 2'))).to.equal(true, heard.join('\n'));
      expect(heard.some((h) => h.startsWith('assigned __xss = 3'))).to.equal(true, heard.join('\n'));
      expect(heard).to.include('alert(four)');
    });

    it('hears an inline handler the app’s CSP blocked', async function () {
      this.timeout(60_000);
      const { page, heard } = await open(false);
      await page.goto('/latest');
      await settle(page);
      expect(heard).to.deep.equal([]);
      await page.evaluate(() => {
        document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image" onerror="window.__xss=5">');
      });
      await page.waitForFunction(() => true);
      await settle(page);
      // Chromium reports the block both as a securitypolicyviolation event and as a console error.
      expect(heard.some((h) => h.startsWith('csp script-src'))).to.equal(true, heard.join('\n'));
      expect(heard.some((h) => /^console .*Content Security Policy/.test(h))).to.equal(
        true,
        heard.join('\n'),
      );
      expect(heard.some((h) => h.startsWith('assigned'))).to.equal(false);
    });
  });

  for (const bypassCSP of [true, false]) {
    const mode = bypassCSP ? 'with CSP bypassed (the sanitizer alone)' : 'under the app’s CSP';
    it(`runs nothing from ${XSS_VECTORS.length} vectors as titles, tags, bodies and replies, ${mode}`, async function () {
      this.timeout(300_000);
      expect(XSS_VECTORS.length).to.be.at.least(60);
      const { page, heard } = await open(bypassCSP);
      const pages = [
        `/c/${categorySlug}`,
        '/latest',
        `/t/${repliesThreadId}`,
        ...threadIds.map((id) => `/t/${id}`),
      ];
      for (const path of pages) {
        await page.goto(path);
        await page.locator('main').first().waitFor();
        if (path.startsWith('/t/')) {
          await page.locator('article.post').first().waitFor();
          for (const link of await page.locator('.post__body a').all())
            await link.hover().catch(() => undefined);
          await expectInertBodies(page);
        }
        await settle(page);
        expect(heard, `script ran on ${path}`).to.deep.equal([]);
      }
      await page.goto(`/t/${repliesThreadId}`);
      await page
        .getByRole('link', { name: /Cronol/ })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await page.locator('article.post').nth(5).waitFor();
      expect(await page.locator('article.post').count()).to.be.greaterThan(XSS_VECTORS.length / 2);
      await expectInertBodies(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain('<script>');
      await settle(page);
      expect(heard).to.deep.equal([]);
    });
  }
});
