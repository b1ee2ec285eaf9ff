import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import type { Locale } from '@shared/constants';
import { startTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { text } from '../helpers/copy';
import { unique } from '../helpers/factories';
import { freePort, providersEnv, startTestProvider, type TestProvider } from '../helpers/oidc-provider';

const PROVIDER_NAME: Record<Locale, string> = {
  es: 'Proveedor de prueba',
  pt: 'Provedor de teste',
  en: 'Test provider',
  fr: 'Fournisseur de test',
};

describe('web client: sign-in with an OpenID provider', function () {
  this.timeout(90_000);
  const browser = withBrowser(this);
  let app: TestApp;
  let provider: TestProvider;
  let context: BrowserContext | undefined;

  before(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider(baseUrl, 'test');
    app = await startTestApp({
      PORT: String(port),
      BASE_URL: baseUrl,
      OIDC_PROVIDERS: providersEnv(provider, 'test'),
    });
  });
  after(async () => {
    await app?.dispose();
    await provider?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** Signs in at the provider's own pages, as the member would: login name, password, consent. */
  async function actAtProvider(page: Page, login: string): Promise<void> {
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  for (const [lang, browserLocale] of [
    ['es', 'es-ES'],
    ['pt', 'pt-BR'],
  ] as const) {
    it(`signs up through the provider in ${browserLocale}, completes the profile and sees the link in security settings`, async () => {
      const login = `${lang}-${unique()}`;
      const name = lang === 'es' ? 'Lucía Fernández' : 'João Carvalho';
      provider.accounts.set(login, {
        email: `${login}@gob.example.org`,
        email_verified: true,
        name,
        locale: browserLocale,
        assurance_level: 'high',
      });
      context = await browser().newContext({ locale: browserLocale, baseURL: app.url });
      const page = await context.newPage();

      await page.goto('/signin');
      await page.getByRole('heading', { level: 1, name: text(lang, 'auth:signIn.title') }).waitFor();
      const button = page.getByRole('link', {
        name: text(lang, 'auth:signIn.withProvider', { name: PROVIDER_NAME[lang] }),
      });
      await button.waitFor();
      await expectNoSeriousA11yViolations(page);

      await button.click();
      await actAtProvider(page, login);

      // Back at Ágora, signed in, on the profile review that a first provider sign-in leads to.
      await page.waitForURL(`${app.url}/welcome`);
      await page.getByRole('heading', { level: 1, name: text(lang, 'security:welcome.title') }).waitFor();
      const displayName = page.getByLabel(text(lang, 'auth:field.displayName'));
      expect(await displayName.inputValue()).to.equal(name);
      expect(await page.evaluate(() => document.documentElement.lang)).to.equal(lang);
      await expectNoSeriousA11yViolations(page);

      await page.getByLabel(text(lang, 'security:welcome.organization')).fill('Ministerio de Modernización');
      await page.getByRole('button', { name: text(lang, 'security:welcome.submit') }).click();
      await page.waitForURL(`${app.url}/`);
      await page.getByRole('button', { name: text(lang, 'common:account.menu', { name }) }).waitFor();

      await page.goto('/settings/security');
      await page.getByRole('heading', { level: 1, name: text(lang, 'security:title') }).waitFor();
      const providers = page.getByRole('region', { name: text(lang, 'security:identities.title') });
      const item = providers.getByRole('listitem').filter({ hasText: PROVIDER_NAME[lang] });
      await item.getByText(text(lang, 'security:identities.linked'), { exact: true }).waitFor();
      await item.getByText(text(lang, 'security:identities.verified')).waitFor();
      // The provider is this account's only way in, so unlinking it is offered but refused by the server.
      await item
        .getByRole('button', {
          name: text(lang, 'security:identities.unlink', { name: PROVIDER_NAME[lang] }),
        })
        .waitFor();
      await expectNoSeriousA11yViolations(page);

      const session = (await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()))) as {
        user: {
          displayName: string;
          profileComplete: boolean;
          locale: string;
          identityVerified: boolean;
        } | null;
      };
      expect(session.user).to.include({ displayName: name, profileComplete: true, identityVerified: true });

      // The provider's assurance shows on the account and on the public profile.
      await page.goto('/settings');
      await page.getByText(text(lang, 'security:identities.verified')).waitFor();
      await page.getByRole('button', { name: text(lang, 'common:account.menu', { name }) }).click();
      await page.getByRole('link', { name: text(lang, 'common:nav.profile') }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByText(text(lang, 'directory:profile.identityVerified')).waitFor();
      await expectNoSeriousA11yViolations(page);
    });
  }

  it('brings a denied consent back to the sign-in page with a localized message, signed out', async () => {
    context = await browser().newContext({ locale: 'pt-BR', baseURL: app.url });
    const page = await context.newPage();
    await page.goto('/signin');
    await page
      .getByRole('link', { name: text('pt', 'auth:signIn.withProvider', { name: PROVIDER_NAME.pt }) })
      .click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(`deny-${unique()}`);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The development pages offer "Cancel" on the consent step, which answers access_denied.
    await page.getByRole('link', { name: /cancel/i }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await page
      .getByRole('alert')
      .filter({ hasText: text('pt', 'errors:oidc_denied') })
      .waitFor();
    await page.getByRole('link', { name: text('pt', 'common:nav.signIn'), exact: true }).waitFor();
    const session = (await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()))) as {
      user: unknown;
    };
    expect(session.user).to.equal(null);
    await expectNoSeriousA11yViolations(page);
  });
});
