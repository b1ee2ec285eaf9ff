import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { buildCategory, buildMember, type BuiltMember } from '../helpers/factories';

describe('web client: threads', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await getTestApp();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function signedInPage(member: BuiltMember, locale: string): Promise<Page> {
    const context = await browser().newContext({ locale, baseURL: app.url });
    contexts.push(context);
    const page = await context.newPage();
    const res = await page.request.get('/api/v1/session');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    await page.request.post('/api/v1/auth/login', {
      data: { email: member.email, password: member.password },
      headers: { 'X-CSRF-Token': csrfToken },
    });
    return page;
  }

  it('asks a question in Portuguese, replies and replies to the reply, switches views, accepts and reacts; another reader sees the reply live', async function () {
    this.timeout(120_000);
    const category = await buildCategory();
    const asker = await buildMember({ locale: 'pt' });
    const peer = await buildMember({ locale: 'pt', displayName: 'Par Revisor' });
    const page = await signedInPage(asker, 'pt-BR');
    await page.goto(`/new?category=${category.slug}`);
    await page.getByLabel('Título').fill('Como sequenciar a lei de acesso à informação?');
    await page.getByLabel('Mensagem (Markdown)').fill('Queremos **aprender** com vocês.');
    await page.getByRole('button', { name: 'Pré-visualizar' }).click();
    await page.locator('.composer__preview strong').waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Publicar' }).click();
    await page.waitForURL(/\/t\//);
    await page.getByRole('heading', { name: 'Como sequenciar a lei de acesso à informação?' }).waitFor();
    const threadUrl = page.url();

    const watcher = await signedInPage(peer, 'pt-BR');
    await watcher.goto(threadUrl);
    await watcher.getByRole('heading', { level: 1 }).waitFor();

    await page.getByLabel('Resposta (Markdown)').fill('Primeiro aprovamos a lei.');
    await page.getByRole('button', { name: 'Publicar resposta' }).click();
    await page.getByText('Primeiro aprovamos a lei.').waitFor();

    const banner = watcher.getByRole('button', { name: /1 nova resposta/ });
    await banner.waitFor({ timeout: 10_000 });
    await banner.click();
    await watcher.getByText('Primeiro aprovamos a lei.').waitFor();

    const reply = page.locator('article.post', { hasText: 'Primeiro aprovamos a lei.' });
    await reply.getByRole('button', { name: 'Responder', exact: true }).click();
    await page.getByLabel(/Responder a/).fill('E o portal veio depois.');
    await reply.getByRole('button', { name: 'Publicar resposta' }).click();
    // The nested reply is in the list (saved), not only in the form, before the view changes.
    await page.locator('article.post', { hasText: 'E o portal veio depois.' }).waitFor();

    await page.getByRole('link', { name: 'Cronológica' }).click();
    await page.getByText(/Em resposta a/).waitFor();
    await page.getByRole('link', { name: 'Em árvore' }).click();

    await page
      .locator('article.post', { hasText: 'Primeiro aprovamos a lei.' })
      .first()
      .getByRole('button', { name: 'Aceitar como resposta' })
      .click();
    await page.locator('.post--accepted', { hasText: 'Primeiro aprovamos a lei.' }).waitFor();
    const helpful = page.locator('.post--accepted').getByRole('button', { name: /Útil/ });
    await helpful.click();
    await page.locator('.post--accepted .reaction[aria-pressed="true"]').waitFor();
    expect(
      await page.locator('.post--accepted .reaction[aria-pressed="true"] .reaction__count').textContent(),
    ).to.equal('1');
    await expectNoSeriousA11yViolations(page);

    await page.goto(`/c/${category.slug}`);
    await page.getByRole('link', { name: 'Como sequenciar a lei de acesso à informação?' }).waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.goto('/latest');
    await page.getByRole('link', { name: 'Como sequenciar a lei de acesso à informação?' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });
});
