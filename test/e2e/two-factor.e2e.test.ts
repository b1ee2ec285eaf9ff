import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { withBrowser, expectNoSeriousA11yViolations } from '../helpers/browser';
import { text } from '../helpers/copy';
import { buildMember, type BuiltMember } from '../helpers/factories';
import { enrolTwoFactor, totpCode } from '../helpers/totp';
import { ApiClient } from '../helpers/http';

describe('web client: two-factor authentication', function () {
  this.timeout(90_000);
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

  const t = (key: string, params: Record<string, string> = {}) => text('fr', key, params);

  async function signInWithPassword(page: Page, member: BuiltMember): Promise<void> {
    await page.goto('/signin');
    await page.getByLabel(t('auth:field.email')).fill(member.email);
    await page.getByLabel(t('auth:field.password')).fill(member.password);
    await page.getByRole('button', { name: t('auth:signIn.submit') }).click();
  }

  async function signOut(page: Page, member: BuiltMember): Promise<void> {
    await page.getByRole('button', { name: t('common:account.menu', { name: member.displayName }) }).click();
    await page.getByRole('button', { name: t('common:account.signOut') }).click();
    await page.getByRole('link', { name: t('common:nav.signIn'), exact: true }).waitFor();
  }

  const sessionUserId = async (page: Page) =>
    (
      (await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()))) as {
        user: { id: string } | null;
      }
    ).user?.id ?? null;

  it('enrols from security settings, shows the recovery codes once, then asks for a code or a recovery code at sign-in', async () => {
    const member = await buildMember({ locale: 'fr' });
    context = await browser().newContext({ locale: 'fr-FR', baseURL: app.url });
    const page = await context.newPage();
    await signInWithPassword(page, member);
    await page.waitForURL(`${app.url}/`);

    await page.goto('/settings/security');
    const section = page.getByRole('region', { name: t('security:twoFactor.title') });
    await section.getByText(t('security:twoFactor.off')).waitFor();
    await section.getByRole('button', { name: t('security:twoFactor.start') }).click();
    await section.getByRole('img', { name: t('security:twoFactor.qrAlt') }).waitFor();
    // What a member types into an app that cannot scan: the key shown beside the QR code.
    const secret = await section
      .locator('p')
      .filter({ hasText: t('security:twoFactor.manual') })
      .locator('code')
      .innerText();
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    await expectNoSeriousA11yViolations(page);

    const codeField = section.getByLabel(t('security:secondFactor.codeLabel'));
    await codeField.fill('000000');
    await section.getByRole('button', { name: t('security:twoFactor.confirm') }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: t('errors:second_factor_invalid') })
      .waitFor();
    await codeField.fill(totpCode(secret));
    await section.getByRole('button', { name: t('security:twoFactor.confirm') }).click();

    await section.getByRole('heading', { name: t('security:twoFactor.codesTitle') }).waitFor();
    const recoveryCodes = await section.locator('.recovery-codes li code').allInnerTexts();
    expect(recoveryCodes).to.have.length(10);
    await section.getByText(t('security:twoFactor.on_other', { count: '10' })).waitFor();
    await expectNoSeriousA11yViolations(page);

    // Shown once: after a reload the codes are gone for good.
    await page.reload();
    await section.getByText(t('security:twoFactor.on_other', { count: '10' })).waitFor();
    expect(await section.getByRole('heading', { name: t('security:twoFactor.codesTitle') }).count()).to.equal(
      0,
    );
    expect(await page.content()).not.to.include(recoveryCodes[0]);

    // The password alone no longer signs in: the code step follows, and a wrong code is refused.
    await signOut(page, member);
    await signInWithPassword(page, member);
    const step = page.getByRole('form', { name: t('security:secondFactor.title') });
    await step.waitFor();
    expect(await sessionUserId(page)).to.equal(null);
    await expectNoSeriousA11yViolations(page);
    await step.getByLabel(t('security:secondFactor.codeLabel')).fill('123456');
    await step.getByRole('button', { name: t('security:secondFactor.submit') }).click();
    await step
      .getByRole('alert')
      .filter({ hasText: t('errors:second_factor_invalid') })
      .waitFor();
    expect(await sessionUserId(page)).to.equal(null);
    // The code used at enrolment is spent; the app's next one works.
    await step.getByLabel(t('security:secondFactor.codeLabel')).fill(totpCode(secret, 1));
    await step.getByRole('button', { name: t('security:secondFactor.submit') }).click();
    await page
      .getByRole('button', { name: t('common:account.menu', { name: member.displayName }) })
      .waitFor();
    expect(await sessionUserId(page)).to.equal(member.id);

    // A recovery code signs in once.
    await signOut(page, member);
    await signInWithPassword(page, member);
    await step.getByRole('button', { name: t('security:secondFactor.useRecovery') }).click();
    await step.getByLabel(t('security:secondFactor.recoveryLabel')).fill(recoveryCodes[0] ?? '');
    await step.getByRole('button', { name: t('security:secondFactor.submit') }).click();
    await page
      .getByRole('button', { name: t('common:account.menu', { name: member.displayName }) })
      .waitFor();
    expect(await sessionUserId(page)).to.equal(member.id);
    await page.goto('/settings/security');
    await section.getByText(t('security:twoFactor.on_other', { count: '9' })).waitFor();

    await signOut(page, member);
    await signInWithPassword(page, member);
    await step.getByRole('button', { name: t('security:secondFactor.useRecovery') }).click();
    await step.getByLabel(t('security:secondFactor.recoveryLabel')).fill(recoveryCodes[0] ?? '');
    await step.getByRole('button', { name: t('security:secondFactor.submit') }).click();
    await step
      .getByRole('alert')
      .filter({ hasText: t('errors:second_factor_invalid') })
      .waitFor();
    expect(await sessionUserId(page)).to.equal(null);
  });

  it('asks for the password and a code in a dialog before turning it off, then turns it off', async () => {
    const member = await buildMember({ locale: 'fr' });
    const api = new ApiClient(app.url);
    await api.signIn(member.email, member.password);
    const { secret, recoveryCodes } = await enrolTwoFactor(api);
    context = await browser().newContext({ locale: 'fr-FR', baseURL: app.url });
    const page = await context.newPage();
    await signInWithPassword(page, member);
    const step = page.getByRole('form', { name: t('security:secondFactor.title') });
    await step.getByRole('button', { name: t('security:secondFactor.useRecovery') }).click();
    await step.getByLabel(t('security:secondFactor.recoveryLabel')).fill(recoveryCodes[0] ?? '');
    await step.getByRole('button', { name: t('security:secondFactor.submit') }).click();
    await page
      .getByRole('button', { name: t('common:account.menu', { name: member.displayName }) })
      .waitFor();
    // The sign-in was the last proof; as if it were more than ten minutes ago.
    await app.db.execute(
      sql`update session set sess = (sess::jsonb - 'reauthenticatedAt')::json where member_id = ${member.id}`,
    );

    await page.goto('/settings/security');
    const section = page.getByRole('region', { name: t('security:twoFactor.title') });
    await section.getByText(t('security:twoFactor.on_other', { count: '9' })).waitFor();
    await section.getByRole('button', { name: t('security:twoFactor.disable') }).click();
    const dialog = page.getByRole('dialog', { name: t('security:reauth.title') });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel(t('security:reauth.password')).fill('not my password');
    await dialog.getByLabel(t('security:reauth.code')).fill(totpCode(secret, 1));
    await dialog.getByRole('button', { name: t('security:reauth.submit') }).click();
    await dialog.getByText(t('errors:field.password_incorrect')).waitFor();
    await dialog.getByLabel(t('security:reauth.password')).fill(member.password);
    await dialog.getByRole('button', { name: t('security:reauth.submit') }).click();
    // The proof accepted, the action runs again by itself.
    await section.getByText(t('security:twoFactor.off')).waitFor();
    expect(await dialog.count()).to.equal(0);
  });

  it('sends a moderator without a second factor to enrol right after signing in', async () => {
    const member = await buildMember({ locale: 'fr', role: 'moderator' });
    context = await browser().newContext({ locale: 'fr-FR', baseURL: app.url });
    const page = await context.newPage();
    await signInWithPassword(page, member);
    await page.waitForURL(`${app.url}/settings/security`);
    await page.getByText(t('security:twoFactor.requiredNotice')).waitFor();
  });
});
