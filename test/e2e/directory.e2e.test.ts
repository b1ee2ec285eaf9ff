import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import type { Locale } from '@shared/constants';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { buildMember, unique } from '../helpers/factories';

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

/** A string of the locale files, so assertions follow the copy. */
function text(locale: Locale, key: string, params: Record<string, string> = {}): string {
  const [namespace = '', dotted = ''] = key.split(':');
  const tree: unknown = JSON.parse(readFileSync(path.join(localesDir, locale, `${namespace}.json`), 'utf8'));
  let value: unknown = tree;
  for (const part of dotted.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at ${locale}/${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');
}

describe('web client: directory and profiles', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  let context: BrowserContext | undefined;

  before(async () => {
    app = await getTestApp();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function openPage(locale: string, pathname: string): Promise<Page> {
    context = await browser().newContext({ locale, baseURL: app.url });
    const page = await context.newPage();
    await page.goto(pathname);
    return page;
  }

  it('filters to Brazil + digital government + Portuguese, opens a profile, and edits one’s own in French', async function () {
    this.timeout(120_000);
    const tag = `Ze${unique()}`;
    const match = await buildMember({
      displayName: `Beatriz Lima ${tag}`,
      country: 'BR',
      profile: {
        headline: 'Open data lead',
        themes: ['digital-government-open-data'],
        languages: ['pt', 'en'],
        openToExchange: true,
      },
    });
    await buildMember({
      displayName: `Bruno Costa ${tag}`,
      country: 'BR',
      profile: { themes: ['citizen-participation'], languages: ['pt'] },
    });
    await buildMember({
      displayName: `Diego Ruiz ${tag}`,
      country: 'MX',
      profile: { themes: ['digital-government-open-data'], languages: ['es'] },
    });
    const me = await buildMember({ displayName: `Claire Martin ${tag}`, locale: 'fr' });

    const page = await openPage('en-GB', `/members?q=${tag}`);
    await page.getByRole('heading', { level: 1, name: text('en', 'directory:page.title') }).waitFor();
    await page
      .getByRole('heading', { name: text('en', 'directory:results.count_other', { count: '4' }) })
      .waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(/^Brazil \(/).click();
    await page
      .getByRole('heading', { name: text('en', 'directory:results.count_other', { count: '2' }) })
      .waitFor();
    await page
      .getByLabel(new RegExp(`^${text('en', 'directory:theme.digital-government-open-data')} \\(`))
      .click();
    await page
      .getByRole('heading', { name: text('en', 'directory:results.count_one', { count: '1' }) })
      .waitFor();
    await page.getByLabel(/^Portuguese \(/).click();
    await page
      .getByRole('heading', { name: text('en', 'directory:results.count_one', { count: '1' }) })
      .waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('country')).to.equal('BR');
    expect(url.searchParams.get('expertise')).to.equal('digital-government-open-data');
    expect(url.searchParams.get('language')).to.equal('pt');
    const cards = page
      .getByRole('list', { name: text('en', 'directory:results.label') })
      .getByRole('article');
    expect(await cards.count()).to.equal(1);

    // The URL is the search: opening it again gives the same result.
    await page.goto(url.pathname + url.search);
    await page
      .getByRole('heading', { name: text('en', 'directory:results.count_one', { count: '1' }) })
      .waitFor();
    expect(await page.getByLabel(/^Brazil \(/).isChecked()).to.equal(true);

    await page.getByRole('link', { name: match.displayName }).click();
    await page.getByRole('heading', { level: 1, name: match.displayName }).waitFor();
    await page.getByText('Open data lead').waitFor();
    expect(await page.getByRole('link', { name: text('en', 'directory:profile.message') }).count()).to.equal(
      0,
    );
    await expectNoSeriousA11yViolations(page);
    await context?.close();

    // Signed in, in French: the profile offers "Message", and the member edits their own profile.
    const french = await openPage('fr-FR', '/signin');
    await french.getByLabel(text('fr', 'auth:field.email')).fill(me.email);
    await french.getByLabel(text('fr', 'auth:field.password')).fill(me.password);
    await french.getByRole('button', { name: text('fr', 'auth:signIn.submit') }).click();
    await french.waitForURL(`${app.url}/`);
    await french.goto(`/members/${match.handle}`);
    const message = french.getByRole('link', { name: text('fr', 'directory:profile.message') });
    await message.waitFor();
    expect(await message.getAttribute('href')).to.equal(`/messages/new?to=${match.handle}`);

    await french.goto('/settings/profile');
    await french.getByRole('heading', { level: 1, name: text('fr', 'directory:edit.title') }).waitFor();
    await expectNoSeriousA11yViolations(french);
    const handle = french.getByLabel(text('fr', 'directory:field.handle'), { exact: true });
    await handle.fill('x');
    await french.getByRole('button', { name: text('fr', 'directory:edit.submit') }).click();
    expect(await handle.getAttribute('aria-invalid')).to.equal('true');
    await french.getByText(text('fr', 'errors:field.too_short', { min: '3' }), { exact: true }).waitFor();
    await handle.fill(me.handle);
    await french
      .getByLabel(text('fr', 'directory:field.headline'), { exact: true })
      .fill('Conseillère en gouvernement ouvert');
    await french.getByLabel(text('fr', 'directory:field.country'), { exact: true }).selectOption('CA');
    await french.getByLabel(text('fr', 'directory:theme.open-government')).check();
    await french.getByRole('button', { name: text('fr', 'directory:edit.submit') }).click();
    await french.getByText(text('fr', 'directory:edit.saved')).waitFor();
    await expectNoSeriousA11yViolations(french);

    await french.goto(`/members/${me.handle}`);
    await french.getByText('Conseillère en gouvernement ouvert').waitFor();
    await french
      .getByText(/Canada/)
      .first()
      .waitFor();
    await french.getByText(text('fr', 'directory:theme.open-government')).first().waitFor();
  });

  it('shows the filters as a drawer on a narrow screen', async () => {
    const page = await openPage('es-ES', '/members');
    await page.setViewportSize({ width: 360, height: 740 });
    const toggle = page.getByRole('button', { name: text('es', 'directory:filters.open', { count: '0' }) });
    await toggle.waitFor();
    const panel = page.getByRole('complementary', { name: text('es', 'directory:filters.title') });
    expect(await panel.isVisible()).to.equal(false);
    await toggle.click();
    await panel.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: text('es', 'directory:filters.show') }).click();
    await panel.waitFor({ state: 'hidden' });
    await expectNoSeriousA11yViolations(page);
  });
});
