import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { members } from '@server/db/schema';
import type { CreateThreadResponse, PostResponse, ThreadResponse } from '@shared/api/threads';
import type { AuthResponse } from '@shared/api/auth';
import { startTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { buildCategory, FACTORY_PASSWORD, unique } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { text } from '../helpers/copy';
import { totpCode } from '../helpers/totp';
import { personOn, type Person } from '../helpers/safeguards';

describe('web client: membership approval, posts waiting for review, watched words', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async function () {
    this.timeout(60_000);
    app = await startTestApp({ MEMBERSHIP: 'approval', NEW_MEMBER_REVIEW_POSTS: '2' });
  });
  after(async () => {
    await app?.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** A browser page signed in as staff, through the second-factor step. */
  async function staffPage(person: Person, locale: string): Promise<Page> {
    const context = await browser().newContext({
      locale,
      baseURL: app.url,
      viewport: { width: 1024, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const session = await page.request.get('/api/v1/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const login = await page.request.post('/api/v1/auth/login', {
      data: { email: person.email, password: FACTORY_PASSWORD },
      headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(login.status()).to.equal(200);
    // The password step gives the session a new id, and with it a new token.
    const pending = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
    const step = await page.request.post('/api/v1/auth/login/second-factor', {
      data: { code: totpCode(person.secret ?? '', 1) },
      headers: { 'X-CSRF-Token': pending.csrfToken },
    });
    expect(step.status(), await step.text()).to.equal(200);
    return page;
  }

  it('lets a moderator approve a pending application and a pending post, on axe-clean pages', async function () {
    this.timeout(120_000);
    const category = await buildCategory({}, app);
    const moderator = await personOn(app, { role: 'moderator', locale: 'es' });

    const applicantClient = new ApiClient(app.url, undefined, 'pt');
    const registered = await applicantClient.send('post', '/api/v1/auth/register', {
      email: `candidata-${unique()}@example.org`,
      password: 'uma frase longa e segura',
      displayName: 'Beatriz Candidata',
      applicationNote: 'Coordeno a transparência ativa do município de Recife.',
    });
    expect(registered.status).to.equal(201);
    const applicantId = (registered.body as AuthResponse).user.id;

    const created = await moderator.client.send('post', '/api/v1/threads', {
      categoryId: category.id,
      kind: 'question',
      title: `¿Cómo abrir los datos de contratación? ${unique()}`,
      body: 'Buscamos experiencias.',
    });
    const threadId = (created.body as CreateThreadResponse).thread.id;
    const newcomer = await personOn(app, { locale: 'es' });
    const reply = await newcomer.client.send('post', `/api/v1/threads/${threadId}/posts`, {
      body: 'En Bogotá publicamos todo en formato abierto.',
    });
    expect((reply.body as PostResponse).post.hidden).to.equal('pending_review');

    const page = await staffPage(moderator, 'es-ES');
    await page.goto('/moderation/members');
    await page.getByRole('heading', { name: text('es', 'safeguards:members.title'), level: 1 }).waitFor();
    const card = page.locator('.application', { hasText: 'Beatriz Candidata' });
    await card.getByText('Coordeno a transparência ativa').waitFor();
    await expectNoSeriousA11yViolations(page);
    await card
      .getByRole('button', { name: text('es', 'safeguards:members.approve', { name: 'Beatriz Candidata' }) })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: text('es', 'safeguards:members.approved', { name: 'Beatriz Candidata' }) })
      .waitFor();
    const [row] = await app.db.select().from(members).where(eq(members.id, applicantId));
    expect(row?.status).to.equal('active');
    await page.getByText(text('es', 'safeguards:members.empty')).waitFor();

    await page.goto(`/t/${threadId}`);
    const post = page.locator('.post--hidden', { hasText: 'En Bogotá' });
    await post.getByText(text('es', 'safeguards:labels.pending_review')).waitFor();
    await post.getByText(text('es', 'safeguards:review.newMemberPost')).waitFor();
    await expectNoSeriousA11yViolations(page);
    await post.getByRole('button', { name: text('es', 'safeguards:review.approve') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: text('es', 'safeguards:review.approved') })
      .waitFor();
    const visible = (await new ApiClient(app.url).get(`/api/v1/threads/${threadId}`).expect(200))
      .body as ThreadResponse;
    expect(visible.posts.map((p) => p.html).join(' ')).to.contain('En Bogotá');
    await page.locator('.post--hidden').waitFor({ state: 'detached' });
  });

  it('lets an admin add and delete a watched word, in English, axe-clean', async function () {
    this.timeout(120_000);
    const admin = await personOn(app, { role: 'admin', locale: 'en' });
    const page = await staffPage(admin, 'en-US');
    await page.goto('/moderation/words');
    await page.getByRole('heading', { name: text('en', 'safeguards:words.title'), level: 1 }).waitFor();
    await page.getByLabel(text('en', 'safeguards:words.language')).selectOption('fr');
    await page.getByText(text('en', 'safeguards:words.empty')).waitFor();
    await page.getByLabel(text('en', 'safeguards:words.word')).fill('Arnaque');
    await page.getByLabel(text('en', 'safeguards:words.actions.block')).check();
    await page.getByRole('button', { name: text('en', 'safeguards:words.add') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: text('en', 'safeguards:words.added', { word: 'arnaque' }) })
      .waitFor();
    await page.getByRole('rowheader', { name: 'arnaque' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('button', { name: text('en', 'safeguards:words.delete', { word: 'arnaque' }) })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: text('en', 'safeguards:words.deleted', { word: 'arnaque' }) })
      .waitFor();
    await page.getByText(text('en', 'safeguards:words.empty')).waitFor();
  });
});
