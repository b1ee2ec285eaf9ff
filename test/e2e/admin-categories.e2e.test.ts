import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { buildCategory, buildMember, unique, type BuiltMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor, totpCode } from '../helpers/totp';

describe('web client: category administration and edit history', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await getTestApp();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /**
   * A page signed in as `member`. With `secret` (staff, whose tools need a second factor), the sign-in
   * answers the authenticator's code as well.
   */
  async function signedInPage(member: BuiltMember, locale: string, secret?: string): Promise<Page> {
    const context = await browser().newContext({
      locale,
      baseURL: app.url,
      viewport: { width: 360, height: 800 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const res = await page.request.get('/api/v1/session');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const headers = { 'X-CSRF-Token': csrfToken };
    const login = await page.request.post('/api/v1/auth/login', {
      data: { email: member.email, password: member.password },
      headers,
    });
    expect(login.status()).to.equal(200);
    if (secret) {
      // The password step renews the session and its CSRF token.
      const renewed = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
      const second = await page.request.post('/api/v1/auth/login/second-factor', {
        data: { code: totpCode(secret, 1) },
        headers: { 'X-CSRF-Token': renewed.csrfToken },
      });
      expect(second.status()).to.equal(200);
    }
    return page;
  }

  /** A second factor enrolled for a staff member (through the API, as the security page does). */
  async function enrolled(member: BuiltMember): Promise<string> {
    const api = new ApiClient(app.url);
    await api.signIn(member.email, member.password);
    return (await enrolTwoFactor(api)).secret;
  }

  it('lets an admin create a category in four languages, edit it, reorder and archive it', async function () {
    this.timeout(120_000);
    await buildCategory();
    const admin = await buildMember({ role: 'admin', locale: 'en' });
    const page = await signedInPage(admin, 'en-US', await enrolled(admin));
    await page.goto('/admin/categories');
    await page.getByRole('heading', { name: 'Manage categories', level: 1 }).waitFor();
    await page.locator('.admin-category').first().waitFor();
    await expectNoSeriousA11yViolations(page);

    const slug = `justicia-${unique()}`;
    const create = page.locator('form').last();
    await create.getByLabel('Address (slug)').fill(slug);
    const texts = [
      ['Español', 'Justicia abierta', 'Tribunales y datos'],
      ['Português', 'Justiça aberta', 'Tribunais e dados'],
      ['English', 'Open justice', 'Courts and data'],
      ['Français', 'Justice ouverte', 'Tribunaux et données'],
    ];
    for (const [language, name, description] of texts) {
      const group = create.getByRole('group', { name: `Text in ${language}` });
      await group.getByLabel('Name').fill(name!);
      await group.getByLabel('Short description').fill(description!);
    }
    await create.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('status').filter({ hasText: 'Category “Open justice” created.' }).waitFor();
    for (const [i, lang] of ['es', 'pt', 'en', 'fr'].entries()) {
      const res = await new ApiClient(app.url, undefined, lang).get(`/api/v1/categories/${slug}`).expect(200);
      expect(res.body.category).to.include({ name: texts[i]![1], description: texts[i]![2] });
    }

    const item = page.locator('.admin-category', { hasText: slug });
    await item.getByRole('button', { name: 'Edit' }).click();
    const edit = item.locator('form');
    await edit
      .getByRole('group', { name: 'Text in Français' })
      .getByLabel('Name')
      .fill('Justice ouverte et données');
    await edit
      .getByRole('group', { name: 'Text in Português' })
      .getByLabel('Short description')
      .fill('Nova descrição');
    await expectNoSeriousA11yViolations(page);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes to “Open justice” saved.' }).waitFor();
    const fr = await new ApiClient(app.url, undefined, 'fr').get(`/api/v1/categories/${slug}`).expect(200);
    expect(fr.body.category.name).to.equal('Justice ouverte et données');
    const pt = await new ApiClient(app.url, undefined, 'pt').get(`/api/v1/categories/${slug}`).expect(200);
    expect(pt.body.category.description).to.equal('Nova descrição');

    const names = async () => page.locator('.admin-category__slug').allTextContents();
    const before = await names();
    const index = before.indexOf(slug);
    expect(index).to.be.greaterThan(0);
    await item.getByRole('button', { name: 'Move up' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `moved to position ${index}` })
      .waitFor();
    expect((await names()).indexOf(slug)).to.equal(index - 1);
    const { rows } = await app.pool.query<{ slug: string; position: number }>(
      'select slug, position from categories where slug = any($1)',
      [[slug, before[index - 1]]],
    );
    const position = (s: string) => rows.find((r) => r.slug === s)!.position;
    expect(position(slug)).to.be.lessThan(position(before[index - 1]!));

    await item.getByRole('button', { name: 'Archive' }).click();
    await item.getByText('Archived', { exact: true }).waitFor();
    const listed = (await new ApiClient(app.url).get('/api/v1/categories').expect(200)).body.items.map(
      (c: { slug: string }) => c.slug,
    );
    expect(listed).not.to.include(slug);
    await item.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('status').filter({ hasText: '“Open justice” restored.' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it('tells members the page is for administrators, and shows them no admin link', async function () {
    this.timeout(60_000);
    const member = await buildMember({ locale: 'es' });
    const page = await signedInPage(member, 'es-ES');
    await page.goto('/admin/categories');
    await page.getByText('Solo las personas administradoras pueden gestionar las categorías.').waitFor();
    expect(await page.getByRole('link', { name: 'Administrar categorías' }).count()).to.equal(0);
  });

  it('shows a post’s edit history to its author and to moderators, not to other members', async function () {
    this.timeout(120_000);
    const author = await buildMember({ locale: 'fr' });
    const moderator = await buildMember({ role: 'moderator', locale: 'fr' });
    const other = await buildMember({ locale: 'fr' });
    const api = new ApiClient(app.url);
    await api.signIn(author.email, author.password);
    const created = await api.send('post', '/api/v1/threads', {
      categoryId: (await buildCategory()).id,
      title: 'Budget participatif : premiers pas',
      body: 'Première **version**.',
      kind: 'discussion',
    });
    expect(created.status).to.equal(201);
    const threadId = created.body.thread.id as string;
    const page = await signedInPage(author, 'fr-FR');
    await page.goto(`/t/${threadId}`);
    const post = page.locator('article.post').first();
    await post.getByRole('button', { name: 'Modifier' }).click();
    await post.locator('textarea').fill('Deuxième version, corrigée.');
    await post.getByRole('button', { name: 'Enregistrer' }).click();
    await post.getByText('Deuxième version, corrigée.').waitFor();
    await post.getByRole('button', { name: "Voir l'historique des modifications" }).click();
    const history = post.getByRole('region', { name: 'Versions précédentes' });
    await history.locator('strong', { hasText: 'version' }).waitFor();
    expect(await history.locator('.revision__meta').textContent()).to.contain(author.displayName);
    await expectNoSeriousA11yViolations(page);

    // Others' revisions are a staff power: it comes with a second factor.
    const moderatorPage = await signedInPage(moderator, 'fr-FR', await enrolled(moderator));
    await moderatorPage.goto(`/t/${threadId}`);
    const seen = moderatorPage.locator('article.post').first();
    await seen.getByRole('button', { name: "Voir l'historique des modifications" }).click();
    await seen.getByRole('region', { name: 'Versions précédentes' }).locator('strong').waitFor();

    const otherPage = await signedInPage(other, 'fr-FR');
    await otherPage.goto(`/t/${threadId}`);
    await otherPage.locator('article.post').first().getByText('Deuxième version, corrigée.').waitFor();
    expect(
      await otherPage.getByRole('button', { name: "Voir l'historique des modifications" }).count(),
    ).to.equal(0);
  });
});
