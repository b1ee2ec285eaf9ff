import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { text } from '../helpers/copy';
import { buildMember, unique } from '../helpers/factories';

describe('web client: accounts, language and navigation', function () {
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

  /** A fresh browser profile whose Accept-Language is `browserLocale`. */
  async function openPage(browserLocale: string, pathname: string): Promise<Page> {
    context = await browser().newContext({ locale: browserLocale, baseURL: app.url });
    const page = await context.newPage();
    await page.goto(pathname);
    return page;
  }

  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  it('registers a member in Spanish, lands signed in and signs out', async () => {
    const page = await openPage('es-ES', '/register');
    await page.getByRole('heading', { level: 1, name: text('es', 'auth:register.title') }).waitFor();
    expect(await htmlLang(page)).to.equal('es');
    expect(await page.title()).to.contain(text('es', 'auth:register.title'));
    await expectNoSeriousA11yViolations(page);

    // The browser checks the form with the shared schema first, and focuses the first invalid field.
    await page.getByRole('button', { name: text('es', 'auth:register.submit') }).click();
    const displayName = page.getByLabel(text('es', 'auth:field.displayName'));
    expect(await displayName.getAttribute('aria-invalid')).to.equal('true');
    expect(await displayName.evaluate((el) => el === document.activeElement)).to.equal(true);
    await page.getByText(text('es', 'errors:field.too_short', { min: '10' }), { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page);

    const name = `Ana Gómez ${unique()}`;
    await displayName.fill(name);
    await page.getByLabel(text('es', 'auth:field.email')).fill(`ana-${unique()}@example.org`);
    await page.getByLabel(text('es', 'auth:field.password')).fill('un jardín de palabras tranquilas');
    expect(await page.getByLabel(text('es', 'auth:field.language')).inputValue()).to.equal('es');
    await page.getByRole('button', { name: text('es', 'auth:register.submit') }).click();

    await page.waitForURL(`${app.url}/`);
    await page.getByText(text('es', 'auth:welcome.title', { name })).waitFor();
    const accountMenu = page.getByRole('button', { name: text('es', 'common:account.menu', { name }) });
    await accountMenu.waitFor();
    expect(await page.getByRole('link', { name: text('es', 'common:nav.signIn') }).count()).to.equal(0);
    await expectNoSeriousA11yViolations(page);

    await accountMenu.click();
    await page.getByRole('button', { name: text('es', 'common:account.signOut') }).click();
    await page.getByRole('link', { name: text('es', 'common:nav.signIn') }).waitFor();
    expect(await accountMenu.count()).to.equal(0);
    const session = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
    expect(session).to.have.property('user', null);
  });

  it('signs a member in through the French interface and opens their settings', async () => {
    const member = await buildMember({ locale: 'fr' });
    const page = await openPage('fr-FR', '/signin');
    await page.getByRole('heading', { level: 1, name: text('fr', 'auth:signIn.title') }).waitFor();
    expect(await htmlLang(page)).to.equal('fr');
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(text('fr', 'auth:field.email')).fill(member.email);
    await page.getByLabel(text('fr', 'auth:field.password')).fill(member.password);
    await page.getByRole('button', { name: text('fr', 'auth:signIn.submit') }).click();

    await page.waitForURL(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: text('fr', 'home:heading') }).waitFor();
    const accountMenu = page.getByRole('button', {
      name: text('fr', 'common:account.menu', { name: member.displayName }),
    });
    await accountMenu.click();
    await page.getByRole('link', { name: text('fr', 'common:nav.settings') }).click();
    await page.getByRole('heading', { level: 1, name: text('fr', 'auth:settings.title') }).waitFor();
    expect(await page.getByLabel(text('fr', 'auth:field.displayName')).inputValue()).to.equal(
      member.displayName,
    );
    expect(await page.title()).to.contain(text('fr', 'auth:settings.title'));
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(text('fr', 'auth:field.displayName')).fill('Sophie T.');
    await page.getByLabel(text('fr', 'auth:field.language')).selectOption('es');
    await page.getByRole('button', { name: text('fr', 'auth:settings.submit') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: text('es', 'auth:settings.saved') })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: text('es', 'auth:settings.title') }).waitFor();
    expect(await htmlLang(page)).to.equal('es');
    await page
      .getByRole('button', { name: text('es', 'common:account.menu', { name: 'Sophie T.' }) })
      .waitFor();
  });

  it('shows the localized error for a wrong password and stays signed out', async () => {
    const member = await buildMember({ locale: 'fr' });
    const page = await openPage('fr-FR', '/signin');
    await page.getByLabel(text('fr', 'auth:field.email')).fill(member.email);
    await page.getByLabel(text('fr', 'auth:field.password')).fill('pas le bon mot de passe');
    await page.getByRole('button', { name: text('fr', 'auth:signIn.submit') }).click();

    const alert = page.getByRole('alert').filter({ hasText: text('fr', 'errors:invalid_credentials') });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).to.equal('/signin');
    await expectNoSeriousA11yViolations(page);
  });

  it('switches the language from the header: text and <html lang> follow, and the choice persists', async () => {
    const page = await openPage('es-ES', '/');
    await page.getByRole('heading', { level: 1, name: text('es', 'home:heading') }).waitFor();
    expect(await htmlLang(page)).to.equal('es');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: new RegExp(text('es', 'common:language.label')) }).click();
    await page.getByRole('button', { name: text('en', 'common:endonym.en') }).click();

    await page.getByRole('heading', { level: 1, name: text('en', 'home:heading') }).waitFor();
    expect(await htmlLang(page)).to.equal('en');
    await page.getByRole('link', { name: text('en', 'common:nav.signIn') }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: text('en', 'home:heading') }).waitFor();
    expect(await htmlLang(page)).to.equal('en');
  });

  it('sends visitors who open the settings to sign in', async () => {
    const page = await openPage('es-ES', '/settings');
    await page.getByRole('heading', { level: 1, name: text('es', 'auth:signIn.title') }).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/signin');
  });

  it('answers an unknown path with status 404 and the "not found" page', async () => {
    context = await browser().newContext({ locale: 'es-ES', baseURL: app.url });
    const page = await context.newPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).to.equal(404);
    await page.getByRole('heading', { level: 1, name: text('es', 'common:notFound.title') }).waitFor();
    expect(await page.title()).to.contain(text('es', 'common:notFound.title'));
    await page.getByRole('link', { name: text('es', 'common:notFound.home') }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  describe('when membership needs approval', () => {
    let approvalApp: TestApp;

    before(async () => {
      approvalApp = await startTestApp({ MEMBERSHIP: 'approval' });
    });

    after(async () => {
      await approvalApp.dispose();
    });

    it('tells a new member that the application awaits approval and that they cannot post yet', async () => {
      context = await browser().newContext({ locale: 'pt-BR', baseURL: approvalApp.url });
      const page = await context.newPage();
      await page.goto('/register');
      await page.getByText(text('pt', 'auth:register.approvalNote')).waitFor();
      const name = `Joana Lima ${unique()}`;
      await page.getByLabel(text('pt', 'auth:field.displayName')).fill(name);
      await page.getByLabel(text('pt', 'auth:field.email')).fill(`joana-${unique()}@example.org`);
      await page.getByLabel(text('pt', 'auth:field.password')).fill('um jardim de palavras calmas');
      await page.getByRole('button', { name: text('pt', 'auth:register.submit') }).click();

      await page.waitForURL(`${approvalApp.url}/`);
      await page
        .getByRole('status')
        .filter({ hasText: text('pt', 'auth:welcome.pending') })
        .waitFor();
      await page.getByRole('region', { name: text('pt', 'common:banner.pending.title') }).waitFor();
      await expectNoSeriousA11yViolations(page);
    });
  });
});
