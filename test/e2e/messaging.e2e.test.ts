import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { expectNoSeriousA11yViolations, withBrowser } from '../helpers/browser';
import { buildMember, type BuiltMember } from '../helpers/factories';
import { signInAgain, startConversation } from '../helpers/messaging';

describe('web client: direct messages', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await getTestApp();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function signedInPage(member: BuiltMember): Promise<Page> {
    const context = await browser().newContext({ locale: 'en-GB', baseURL: app.url });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.url}/`);
    return page;
  }

  it('A requests, B accepts, they talk live with typing, "seen" and the unread badge', async function () {
    this.timeout(120_000);
    const a = await buildMember({ locale: 'en', displayName: 'Alicia Rojas' });
    const b = await buildMember({ locale: 'en', displayName: 'Bruno Costa' });
    const pageA = await signedInPage(a);
    const pageB = await signedInPage(b);

    // A opens the "Message" entry point a profile links to.
    await pageA.goto(`/messages/new?to=${b.handle}`);
    await pageA.getByRole('heading', { level: 1, name: 'New message' }).waitFor();
    expect(await pageA.getByLabel('To').inputValue()).to.equal(b.handle);
    await pageA
      .getByLabel('Your message')
      .fill('Could you share the terms of reference of your open-data unit?');
    await pageA.getByRole('button', { name: 'Send' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Bruno Costa' }).waitFor();
    await pageA.getByText('Your message request is waiting for acceptance.').waitFor();
    await expectNoSeriousA11yViolations(pageA);

    // B's badge counts the request; the request sits under "Requests".
    const badgeB = pageB.getByTestId('unread-badge');
    await badgeB.waitFor();
    expect(await badgeB.innerText()).to.contain('1');
    await pageB.getByRole('link', { name: /^Messages/ }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await pageB.getByText('No conversations yet.').waitFor();
    await expectNoSeriousA11yViolations(pageB);
    await pageB.getByRole('link', { name: /^Requests/ }).click();
    await pageB.getByRole('link', { name: /Alicia Rojas/ }).click();
    await pageB.getByText('Could you share the terms of reference').waitFor();
    await pageB.getByRole('button', { name: 'Accept' }).click();
    const composerB = pageB.getByLabel('Write a message');
    await composerB.waitFor();
    await expectNoSeriousA11yViolations(pageB);

    // B typing shows on A's page; Enter sends; A sees it live, and B sees "Seen" once A has it on screen.
    await composerB.fill('Of course');
    await pageA.getByText('Bruno Costa is typing…').waitFor();
    await composerB.pressSequentially(', here they are.');
    await composerB.press('Enter');
    await pageA.getByText('Of course, here they are.', { exact: true }).waitFor();
    await pageA
      .getByRole('status')
      .filter({ hasText: 'New message from Bruno Costa' })
      .waitFor({ state: 'attached' });
    await pageB.getByText('Seen', { exact: true }).waitFor();

    // A replies with Shift+Enter for a new line; B gets it live.
    const composerA = pageA.getByLabel('Write a message');
    await composerA.fill('Thank you!');
    await composerA.press('Shift+Enter');
    await composerA.pressSequentially('Very useful.');
    await composerA.press('Enter');
    await pageB.locator('.message__body').filter({ hasText: 'Very useful.' }).waitFor();
    await pageA.getByText('Seen', { exact: true }).waitFor();

    // Away from the conversation, a new message raises B's badge, and reading it clears it.
    await pageB.getByRole('link', { name: /^Messages/ }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await composerA.fill('One more thing');
    await composerA.press('Enter');
    await badgeB.waitFor();
    expect(await badgeB.innerText()).to.contain('1');
    await pageB.getByRole('link', { name: /Alicia Rojas/ }).click();
    await pageB.getByText('One more thing', { exact: true }).waitFor();
    await badgeB.waitFor({ state: 'detached' });
    await expectNoSeriousA11yViolations(pageB);
  });
  it('says in the add dialog that people added see only what is said from then on, and shows them only that', async function () {
    this.timeout(120_000);
    const a = await buildMember({ locale: 'en', displayName: 'Amaia Ortiz' });
    const b = await buildMember({ locale: 'en', displayName: 'Benedita Sousa' });
    const c = await buildMember({ locale: 'en', displayName: 'Camille Roy' });
    const [apiA, apiB] = [await signInAgain(app.url, a), await signInAgain(app.url, b)];
    const { conversation } = await startConversation(apiA, [apiB], {
      title: 'Budget working group',
      body: 'Draft numbers, only for the two of us for now',
    });
    await apiB.client.send('post', `/api/v1/conversations/${conversation.id}/accept`);

    const pageA = await signedInPage(a);
    await pageA.goto(`/messages/${conversation.id}`);
    await pageA.getByRole('heading', { level: 1, name: 'Budget working group' }).waitFor();
    await pageA.getByRole('button', { name: 'Add people' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'Add people to the group' });
    await dialog
      .getByText(
        'People you add will see the messages sent from now on. They will not see the earlier messages of this group.',
      )
      .waitFor();
    await expectNoSeriousA11yViolations(pageA);
    await dialog.getByLabel('Who to add').fill(c.handle);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await pageA.getByText(/Participants: .*Camille Roy/).waitFor();

    const pageC = await signedInPage(c);
    await pageC.goto(`/messages/${conversation.id}`);
    await pageC.getByText('You were added to this group later: earlier messages are not shown.').waitFor();
    expect(await pageC.getByText('Draft numbers').count()).to.equal(0);
  });
});
