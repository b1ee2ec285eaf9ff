import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { members } from '@server/db/schema';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations, signInThroughPages } from '../helpers/browser';
import { text } from '../helpers/copy';
import { buildMember, buildReply, buildThread, unique, type BuiltMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';
import { enrolTwoFactor, totpCode } from '../helpers/totp';

/** Where screenshots go when `SCREENSHOTS_DIR` is set (for looking at the pages; not asserted). */
const shots = process.env.SCREENSHOTS_DIR;

describe('web client: moderation from flag to appeal', function () {
  this.timeout(120_000);
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await getTestApp();
    if (shots) mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    for (const context of contexts) await context.close();
  });

  const es = (key: string, params: Record<string, string> = {}) => text('es', key, params);
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };
  const open = async (locale: string) => {
    const context = await browser().newContext({ locale, baseURL: app.url });
    contexts.push(context);
    return context.newPage();
  };
  const signIn = (page: Page, member: BuiltMember, code?: string) =>
    signInThroughPages(page, member, 'es', code);

  it('a member flags a post, a moderator suspends its author, who appeals; the public log shows it', async () => {
    const author = await buildMember({ locale: 'es', displayName: `Autora ${unique()}` });
    const reporter = await buildMember({ locale: 'es', displayName: `Denunciante ${unique()}` });
    const moderator = await buildMember({
      locale: 'es',
      role: 'moderator',
      displayName: `Moderadora ${unique()}`,
    });
    const api = new ApiClient(app.url);
    await api.signIn(moderator.email, moderator.password);
    const { secret } = await enrolTwoFactor(api);
    const title = `Presupuestos participativos ${unique()}`;
    const thread = await buildThread(author, { title, lang: 'es' });
    await buildReply(author, thread.id, { body: 'Compren mi curso milagroso de transparencia' });

    // The reporter flags the reply from the thread page.
    const reporterPage = await open('es-ES');
    await signIn(reporterPage, reporter);
    await reporterPage.goto(`/t/${thread.id}`);
    const reply = reporterPage.locator('article.post').filter({ hasText: 'Compren mi curso milagroso' });
    await reply.getByRole('button', { name: es('moderation:flag.post') }).click();
    const dialog = reporterPage.getByRole('dialog', { name: es('moderation:flag.title') });
    await dialog.getByRole('radio', { name: es('moderation:reasons.spam') }).check();
    await dialog.getByLabel(es('moderation:flag.note')).fill('Publicidad en cada hilo');
    await expectNoSeriousA11yViolations(reporterPage);
    await shot(reporterPage, 'flag-dialog-es');
    await dialog.getByRole('button', { name: es('moderation:flag.submit') }).click();
    await reply
      .getByRole('status')
      .filter({ hasText: es('moderation:flag.sent') })
      .waitFor();

    // The moderator signs in with a TOTP code and handles it from the queue.
    const modPage = await open('es-ES');
    await signIn(modPage, moderator, totpCode(secret, 1));
    await modPage.waitForURL(`${app.url}/`);
    await modPage
      .getByRole('button', { name: es('common:account.menu', { name: moderator.displayName }) })
      .click();
    await modPage.getByRole('link', { name: es('moderation:menuLink') }).click();
    await modPage.getByRole('heading', { name: es('moderation:queue.title'), level: 1 }).waitFor();
    const row = modPage.locator('.queue-item').filter({ hasText: title });
    await row.waitFor();
    await expectNoSeriousA11yViolations(modPage);
    await shot(modPage, 'queue-es');
    await row.getByRole('link', { name: title }).click();
    await modPage.getByText('Publicidad en cada hilo').waitFor();
    await expectNoSeriousA11yViolations(modPage);
    await shot(modPage, 'item-es');

    await modPage.getByRole('button', { name: es('moderation:actionButtons.suspend') }).click();
    const suspend = modPage.getByRole('dialog', { name: es('moderation:actionButtons.suspend') });
    await suspend.getByRole('radio', { name: es('moderation:dialog.days_other', { count: '7' }) }).check();
    await suspend.getByLabel(es('moderation:dialog.reason')).fill('Publicidad reiterada en el foro');
    await expectNoSeriousA11yViolations(modPage);
    await shot(modPage, 'suspend-dialog-es');
    await suspend.getByRole('button', { name: es('moderation:dialog.confirm') }).click();
    await modPage
      .getByRole('status')
      .filter({ hasText: es('moderation:dialog.done') })
      .waitFor();
    await modPage
      .getByText(es('moderation:item.resolution', { resolution: es('moderation:resolutions.suspended') }))
      .waitFor();
    const [row2] = await app.db.select().from(members).where(eq(members.id, author.id));
    expect(row2?.status).to.equal('suspended');

    // The suspended author signs in, reads the notice and appeals.
    const authorPage = await open('es-ES');
    await signIn(authorPage, author);
    await authorPage.goto('/notices');
    await authorPage.getByRole('heading', { name: es('moderation:notices.kinds.suspension') }).waitFor();
    await authorPage
      .getByText(es('moderation:notices.reason', { reason: 'Publicidad reiterada en el foro' }))
      .waitFor();
    await authorPage
      .getByLabel(es('moderation:notices.appealLabel'))
      .fill('Era un anuncio oficial del ministerio.');
    await expectNoSeriousA11yViolations(authorPage);
    await shot(authorPage, 'notices-es');
    await authorPage.getByRole('button', { name: es('moderation:notices.appealSubmit') }).click();
    await authorPage.getByText(es('moderation:notices.appealStatus.pending')).waitFor();

    // The appeal is in the moderator's appeals tab.
    await modPage.getByRole('link', { name: es('moderation:nav.appeals') }).click();
    await modPage.locator('.queue-item').filter({ hasText: 'Era un anuncio oficial' }).waitFor();

    // Anyone reads the public log from the footer.
    const visitor = await open('es-ES');
    await visitor.goto('/');
    await visitor.getByRole('link', { name: es('moderation:log.footer') }).click();
    await visitor.getByRole('heading', { name: es('moderation:log.title') }).waitFor();
    await visitor
      .locator('.public-log li')
      .filter({ hasText: es('moderation:actions.member.suspend') })
      .first()
      .waitFor();
    expect(await visitor.content()).not.to.contain('Publicidad reiterada en el foro');
    await expectNoSeriousA11yViolations(visitor);
    await shot(visitor, 'public-log-es');

    // The same log in French, and the audit log the moderator keeps.
    const fr = await open('fr-FR');
    await fr.goto('/moderation-log');
    await fr.getByRole('heading', { name: text('fr', 'moderation:log.title') }).waitFor();
    await fr.getByText(text('fr', 'moderation:actions.member.suspend')).first().waitFor();
    await shot(fr, 'public-log-fr');
    await modPage.getByRole('link', { name: es('moderation:nav.audit') }).click();
    await modPage.getByRole('cell', { name: 'Publicidad reiterada en el foro' }).waitFor();
    await expectNoSeriousA11yViolations(modPage);
    await shot(modPage, 'audit-es');
  });
});
