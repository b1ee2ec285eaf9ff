import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations, signInThroughPages } from '../helpers/browser';
import { text } from '../helpers/copy';
import { ApiClient } from '../helpers/http';
import { buildCategory, buildMember, buildThread, type BuiltMember } from '../helpers/factories';
import { enrolTwoFactor, totpCode } from '../helpers/totp';
import type { ThreadResponse } from '@shared/api/threads';
import type { FeaturedThreadsResponse } from '@shared/api/curation';
import { signedInAs } from '../helpers/staff';

describe('web client: thread curation', function () {
  this.timeout(120_000);
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

  const t = (key: string, params: Record<string, string> = {}) => text('es', key, params);

  /** Signs in through the pages with the password, then the authenticator's code. */
  const signIn = (page: Page, member: BuiltMember, secret: string) =>
    signInThroughPages(page, member, 'es', totpCode(secret, 1));

  /** Opens the moderator menu, picks an action and returns its dialog. */
  async function openAction(page: Page, action: string) {
    await page.getByRole('button', { name: t('forum:curation.tools.menu') }).click();
    await page.getByRole('button', { name: new RegExp(`^${t(`forum:curation.action.${action}`)}`) }).click();
    const dialog = page.getByRole('dialog', { name: t(`forum:curation.action.${action}`) });
    await dialog.waitFor();
    return dialog;
  }

  const done = (page: Page, action: string) =>
    page
      .getByRole('status')
      .filter({ hasText: t('forum:curation.done', { action: t(`forum:curation.action.${action}`) }) })
      .waitFor();

  it('lets a moderator pin everywhere, feature, move and merge from the thread page; the home page shows Featured', async () => {
    const moderator = await buildMember({ role: 'moderator', locale: 'es' });
    const api = new ApiClient(app.url);
    await api.signIn(moderator.email, moderator.password);
    const { secret } = await enrolTwoFactor(api);
    const author = await buildMember();
    const [home, destination] = [await buildCategory(), await buildCategory()];
    const thread = await buildThread(author, {
      categoryId: home.id,
      title: 'Cómo abrir los datos de compras públicas',
      body: 'Texto de la pregunta sobre compras.',
    });
    const target = await buildThread(author, {
      categoryId: destination.id,
      title: 'Datos abiertos de contrataciones calabacita',
    });

    context = await browser().newContext({ locale: 'es-ES', baseURL: app.url });
    const page = await context.newPage();
    await signIn(page, moderator, secret);
    await page.goto(`/t/${thread.id}`);
    await page.getByRole('heading', { level: 1, name: 'Cómo abrir los datos de compras públicas' }).waitFor();

    // Pin everywhere, with a reason.
    const pin = await openAction(page, 'pinGlobal');
    await pin.getByText(t('forum:curation.confirm.pinGlobal')).waitFor();
    await pin.getByLabel(t('forum:curation.dialog.reason')).fill('Guía de referencia');
    await expectNoSeriousA11yViolations(page);
    await pin.getByRole('button', { name: t('forum:curation.dialog.confirm') }).click();
    await done(page, 'pinGlobal');
    await page
      .locator('.badge', { hasText: t('forum:curation.badge.pinnedGlobal') })
      .first()
      .waitFor();

    // Feature, by keyboard: the menu's toggle, the action, and Confirm.
    await page.getByRole('button', { name: t('forum:curation.tools.menu') }).press('Enter');
    await page.getByRole('button', { name: t('forum:curation.action.feature') }).press('Enter');
    const feature = page.getByRole('dialog', { name: t('forum:curation.action.feature') });
    await feature.getByRole('button', { name: t('forum:curation.dialog.confirm') }).press('Enter');
    await done(page, 'feature');
    await page
      .locator('.badge', { hasText: t('forum:curation.badge.featured') })
      .first()
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.contain(
      t('forum:curation.tools.menu'),
    );
    await expectNoSeriousA11yViolations(page);

    // The home page's Featured section lists it.
    await page.goto('/');
    const featured = page.getByRole('region', { name: t('forum:curation.featured.heading') });
    await featured.getByRole('link', { name: 'Cómo abrir los datos de compras públicas' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await featured.getByRole('link', { name: 'Cómo abrir los datos de compras públicas' }).click();

    // Move to the other category.
    const move = await openAction(page, 'move');
    await move
      .getByLabel(t('forum:curation.dialog.category'))
      .selectOption({ label: `Tema ${destination.slug}` });
    await move.getByRole('button', { name: t('forum:curation.dialog.confirm') }).click();
    await done(page, 'move');
    const moved: ThreadResponse = (await api.get(`/api/v1/threads/${thread.id}`).expect(200)).body;
    expect(moved.thread).to.include({ categoryId: destination.id, pinScope: 'global', featured: true });

    // Merge into the other thread, found by searching.
    const merge = await openAction(page, 'merge');
    await merge.getByLabel(t('forum:curation.dialog.search')).fill('calabacita');
    await merge.getByRole('button', { name: t('forum:curation.dialog.searchButton') }).click();
    await merge.getByRole('radio', { name: 'Datos abiertos de contrataciones calabacita' }).check();
    await expectNoSeriousA11yViolations(page);
    await merge.getByRole('button', { name: t('forum:curation.dialog.confirm') }).click();
    await page.waitForURL(`${app.url}/t/${target.id}`);
    await page
      .getByRole('heading', { level: 1, name: 'Datos abiertos de contrataciones calabacita' })
      .waitFor();
    await page.getByText('Texto de la pregunta sobre compras.').waitFor();

    // The merged thread's address leads to the target.
    await page.goto(`/t/${thread.id}`);
    await page.waitForURL(`${app.url}/t/${target.id}`);
    await expectNoSeriousA11yViolations(page);
  });

  it('shows no moderator tools to members, and the Featured section only when something is featured', async () => {
    const member = await buildMember({ locale: 'es' });
    const thread = await buildThread(member, { title: 'Una pregunta para destacar' });
    context = await browser().newContext({ locale: 'es-ES', baseURL: app.url });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel(t('auth:field.email')).fill(member.email);
    await page.getByLabel(t('auth:field.password')).fill(member.password);
    await page.getByRole('button', { name: t('auth:signIn.submit') }).click();
    await page
      .getByRole('button', { name: t('common:account.menu', { name: member.displayName }) })
      .waitFor();
    await page.goto(`/t/${thread.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: t('forum:curation.tools.menu') }).count()).to.equal(0);
    // Nothing featured: no section. Then one featured thread: the section appears.
    const staff = await signedInAs('moderator');
    for (;;) {
      const page1: FeaturedThreadsResponse = (
        await staff.client.get('/api/v1/threads/featured?limit=30').expect(200)
      ).body;
      if (page1.items.length === 0) break;
      for (const item of page1.items)
        await staff.client.send('post', `/api/v1/moderation/threads/${item.id}/unfeature`, {});
    }
    await page.goto('/');
    await page.getByRole('heading', { name: t('home:categories.heading') }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('region', { name: t('forum:curation.featured.heading') }).count()).to.equal(
      0,
    );
    await staff.client.send('post', `/api/v1/moderation/threads/${thread.id}/feature`, {});
    await page.reload();
    await page
      .getByRole('region', { name: t('forum:curation.featured.heading') })
      .getByRole('link', { name: 'Una pregunta para destacar' })
      .waitFor();
    await expectNoSeriousA11yViolations(page);
  });
});
