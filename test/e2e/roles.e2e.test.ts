import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { buildCategory, buildMember, memberRow, unique, type BuiltMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor, totpCode } from '../helpers/totp';
import { signedInAs } from '../helpers/staff';
import { text } from '../helpers/copy';

describe('web client: staff roles', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await getTestApp();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** An admin with a second factor, signed in through the password and code steps. */
  async function adminPage(admin: BuiltMember, secret: string, locale: string): Promise<Page> {
    const context = await browser().newContext({
      locale,
      baseURL: app.url,
      viewport: { width: 900, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const csrf = async () =>
      ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
    const login = await page.request.post('/api/v1/auth/login', {
      data: { email: admin.email, password: admin.password },
      headers: { 'X-CSRF-Token': await csrf() },
    });
    expect(login.status()).to.equal(200);
    // The enrolment spent this period's code; the next period's is what the app shows next.
    const second = await page.request.post('/api/v1/auth/login/second-factor', {
      data: { code: totpCode(secret, 1) },
      headers: { 'X-CSRF-Token': await csrf() },
    });
    expect(second.status(), await second.text()).to.equal(200);
    return page;
  }

  async function enrolledAdmin(locale: 'en' | 'es') {
    const admin = await buildMember({ role: 'admin', locale });
    const client = new ApiClient(app.url);
    await client.signIn(admin.email, admin.password);
    const { secret } = await enrolTwoFactor(client);
    return { admin, secret };
  }

  it('lets an admin make a member a moderator of one category, from the keyboard', async function () {
    this.timeout(120_000);
    const [inScope, outOfScope] = await Promise.all([buildCategory(), buildCategory()]);
    const target = await buildMember({ displayName: `Rosa Quispe ${unique()}` });
    const { admin, secret } = await enrolledAdmin('en');
    const page = await adminPage(admin, secret, 'en-US');
    const t = (key: string, params: Record<string, string> = {}) => text('en', `admin:roles.${key}`, params);

    await page.goto('/admin/roles');
    await page.getByRole('heading', { name: t('title'), level: 1 }).waitFor();
    await page.locator('.staff-card').first().waitFor();
    await expectNoSeriousA11yViolations(page);

    // Find the member and grant the role: typed, submitted with Enter, confirmed in the dialog.
    await page.getByLabel(t('findLabel')).fill(target.handle);
    await page.keyboard.press('Enter');
    const result = page
      .getByRole('list', { name: t('resultsLabel') })
      .locator('.staff-card', { hasText: target.handle });
    await result.getByRole('button', { name: t('makeModerator') }).click();
    const dialog = page.getByRole('dialog', {
      name: t('confirmGrantTitle_moderator', { name: target.displayName }),
    });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page);

    // Escape cancels without a change.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await memberRow(target.id)).role).to.equal('member');

    await result.getByRole('button', { name: t('makeModerator') }).click();
    await dialog.waitFor();
    await dialog.getByLabel(t('reason')).fill('Joins the secretariat');
    await dialog.getByRole('button', { name: t('confirmGrant') }).press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: t('granted_moderator', { name: target.displayName }) })
      .waitFor();
    expect((await memberRow(target.id)).role).to.equal('moderator');

    // The new moderator is listed, flagged until they enrol a second factor; limit them to one category.
    const card = page.locator('.staff-list').first().locator('.staff-card', { hasText: target.handle });
    await card.getByText(t('noSecondFactor')).waitFor();
    await card.getByText(t('scopesAll')).waitFor();
    await card.getByRole('button', { name: t('editScopes') }).click();
    const inScopeName = `Topic ${inScope.slug}`;
    await card.getByRole('group', { name: t('scopesLegend', { name: target.displayName }) }).waitFor();
    await card.getByLabel(inScopeName, { exact: true }).check();
    await expectNoSeriousA11yViolations(page);
    await card.getByRole('button', { name: t('saveScopes') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('scopesSaved', { name: target.displayName }) })
      .waitFor();
    await card.getByText(t('scopesSome', { categories: inScopeName })).waitFor();

    const row = await memberRow(target.id);
    expect(row.scopes).to.deep.equal([inScope.id]);
    expect(row.scopes).not.to.include(outOfScope.id);
  });

  it('removes a moderator’s role after confirmation, in Spanish', async function () {
    this.timeout(120_000);
    const moderator = await signedInAs('moderator');
    const { admin, secret } = await enrolledAdmin('es');
    const page = await adminPage(admin, secret, 'es-ES');
    const t = (key: string, params: Record<string, string> = {}) => text('es', `admin:roles.${key}`, params);
    const moderatorName = (await memberRow(moderator.id)).displayName;

    await page.goto('/admin/roles');
    await page.getByRole('heading', { name: t('title'), level: 1 }).waitFor();
    const card = page.locator('.staff-card', { hasText: moderator.handle });
    await card.getByRole('button', { name: t('remove') }).click();
    const dialog = page.getByRole('dialog', { name: t('confirmRemoveTitle', { name: moderatorName }) });
    await dialog.getByRole('button', { name: t('confirmRemove') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('removed', { name: moderatorName }) })
      .waitFor();
    await card.waitFor({ state: 'detached' });
    expect((await memberRow(moderator.id)).role).to.equal('member');
    await moderator.client.get('/api/v1/admin/staff').expect(403);
  });
});
