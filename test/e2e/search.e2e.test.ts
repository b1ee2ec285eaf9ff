import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { buildMember, buildThread, unique } from '../helpers/factories';

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

/** A French string of the search locale file. */
function fr(key: string): string {
  let value: unknown = JSON.parse(readFileSync(path.join(localesDir, 'fr', 'search.json'), 'utf8'));
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at fr/search:${key}`);
  return value;
}

describe('web client: search', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  let context: BrowserContext | undefined;

  before(async () => {
    app = await getTestApp();
  });
  after(async () => {
    await context?.close();
  });

  it('searches from the header in French, opens a result, filters by language', async function () {
    this.timeout(120_000);
    const tag = `zq${unique()
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()}`;
    const author = await buildMember({ locale: 'fr' });
    const french = await buildThread(author, {
      lang: 'fr',
      title: `Gouvernement ouvert à ${tag}`,
      body: `Les engagements du gouvernement ouvert de ${tag} sont publiés chaque année.`,
    });
    await buildThread(author, {
      lang: 'es',
      title: `Gobierno abierto en ${tag}`,
      body: `Los compromisos de ${tag} se publican cada año.`,
    });

    context = await browser().newContext({ locale: 'fr-FR', baseURL: app.url });
    const page = await context.newPage();
    await page.goto('/');
    const box = page.getByRole('combobox', { name: fr('box.label') });
    await box.fill(`gouvernements ${tag}`);
    // Suggestions appear (debounced) and are reachable with the keyboard.
    const option = page.getByRole('option', { name: `Gouvernement ouvert à ${tag}` });
    await option.waitFor();
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-expanded')).to.equal('true');
    expect(await box.getAttribute('aria-activedescendant')).to.equal(await option.getAttribute('id'));
    await expectNoSeriousA11yViolations(page);
    await box.press('Enter');
    await page.waitForURL(`**/t/${french.id}`);
    await page.getByRole('heading', { level: 1, name: `Gouvernement ouvert à ${tag}` }).waitFor();

    // Enter without choosing a suggestion opens the results page; the shared name finds both languages.
    await box.fill(tag);
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.locator('.search-hit');
    await page.getByRole('link', { name: `Gobierno abierto en ${tag}` }).waitFor();
    expect(await results.count()).to.equal(2);
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(fr('filters.lang')).selectOption('fr');
    await page.waitForURL(/in=fr/);
    await page.getByRole('link', { name: `Gobierno abierto en ${tag}` }).waitFor({ state: 'detached' });
    expect(await results.count()).to.equal(1);
    const hit = results.first();
    expect(await hit.locator('article').getAttribute('lang')).to.equal('fr');
    expect(await hit.locator('mark').first().textContent()).to.equal(tag);

    await page.getByRole('link', { name: `Gouvernement ouvert à ${tag}` }).click();
    await page.waitForURL(`**/t/${french.id}`);
    const post = page.locator('article.post').first();
    await post.waitFor();
    expect(await post.locator('.post__body').getAttribute('lang')).to.equal('fr');
    await expectNoSeriousA11yViolations(page);
  });
});
