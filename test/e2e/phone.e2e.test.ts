import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { getTestApp, type TestApp } from '../helpers/app';
import { expectNoSeriousA11yViolations, withBrowser } from '../helpers/browser';
import { buildMember, type BuiltMember } from '../helpers/factories';
import { acceptedConversation, sendMessage, signInAgain } from '../helpers/messaging';

/** A common phone: 390 x 844 CSS pixels, touch, the viewport <meta> honoured. */
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** WCAG 2.5.5: a pointer target of at least 44 by 44 CSS pixels. */
const TOUCH_TARGET = 44;

/** Where to save screenshots for a person to look at (`PHONE_SCREENSHOTS=dir`); none by default. */
const screenshotDir = process.env.PHONE_SCREENSHOTS;

async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** The visible buttons, links and form controls inside `scope` that are smaller than a touch target. */
async function smallTargets(scope: Locator): Promise<string[]> {
  return scope.evaluate((root, min) => {
    const controls = root.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea',
    );
    return [...controls]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => !el.closest('.visually-hidden') && el.getBoundingClientRect().width > 1)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < min - 0.5 || box.height < min - 0.5)
      .map(
        ({ el, box }) =>
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`,
      );
  }, TOUCH_TARGET);
}

describe('web client: the phone layout', function () {
  const browser = withBrowser(this);
  let app: TestApp;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await getTestApp();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function newPage(options: BrowserContextOptions): Promise<Page> {
    const context = await browser().newContext({ locale: 'en-GB', baseURL: app.url, ...options });
    contexts.push(context);
    return context.newPage();
  }

  /** Signs in through the pages; on a phone the account menu is folded away, so this waits for home. */
  async function signedIn(member: BuiltMember, options: BrowserContextOptions = PHONE): Promise<Page> {
    const page = await newPage(options);
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.url}/`);
    return page;
  }

  const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

  it('keeps the header to one row, with the navigation behind a Menu button that works from the keyboard', async function () {
    this.timeout(60_000);
    const page = await signedIn(await buildMember({ locale: 'en', displayName: 'Paula Méndez' }));
    const header = page.getByRole('banner');
    const menuButton = header.getByRole('button', { name: 'Menu', exact: true });
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await menuButton.waitFor();

    const closedBox = await header.boundingBox();
    expect(closedBox?.height, 'header height at 390 px').to.be.at.most(64);
    expect(await navigation.isVisible()).to.equal(false);
    expect(await menuButton.getAttribute('aria-expanded')).to.equal('false');
    const controlled = (await menuButton.getAttribute('aria-controls')) ?? '';
    expect(controlled).to.not.equal('');
    expect(await page.locator(`[id="${controlled}"]`).count()).to.equal(1);
    expect(await smallTargets(header)).to.deep.equal([]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'phone-menu-closed');

    // Enter opens it; the menu is next in the tab order; Escape closes it and focus returns to the button.
    await menuButton.focus();
    await page.keyboard.press('Enter');
    expect(await menuButton.getAttribute('aria-expanded')).to.equal('true');
    await navigation.waitFor();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate((id) => document.getElementById(id)?.contains(document.activeElement), controlled),
    ).to.equal(true);
    expect(await isFocused(navigation.getByRole('link', { name: 'Home' }))).to.equal(true);

    // Every target in the open menu is large enough, and the open menu passes axe.
    expect(await smallTargets(header)).to.deep.equal([]);
    await header.getByRole('button', { name: 'Account menu for Paula Méndez' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'phone-menu-open');

    await page.keyboard.press('Escape');
    await navigation.waitFor({ state: 'hidden' });
    expect(await menuButton.getAttribute('aria-expanded')).to.equal('false');
    expect(await isFocused(menuButton)).to.equal(true);

    // A link followed from the menu leads there, and the menu closes on the new page.
    await page.keyboard.press('Enter');
    await navigation.waitFor();
    const directory = navigation.getByRole('link', { name: 'Directory' });
    await directory.focus();
    expect(await isFocused(directory)).to.equal(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.url}/members`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await navigation.waitFor({ state: 'hidden' });
    expect(await menuButton.getAttribute('aria-expanded')).to.equal('false');
    expect((await header.boundingBox())?.height).to.be.at.most(64);

    // A click outside closes it too.
    await menuButton.click();
    await navigation.waitFor();
    await page.getByRole('heading', { level: 1 }).click();
    await navigation.waitFor({ state: 'hidden' });
  });

  it('shows the navigation of a visitor behind the Menu button as well', async () => {
    const page = await newPage(PHONE);
    await page.goto('/');
    const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
    await menuButton.waitFor();
    expect((await page.getByRole('banner').boundingBox())?.height).to.be.at.most(64);
    await menuButton.click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Sign in' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await menuButton.getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows the links, and no Menu button, when the page is read without scripts', async () => {
    // What a server-rendered page gives a browser that runs no scripts: the same markup, only CSS.
    const rendered = await newPage(PHONE);
    await rendered.goto('/');
    await rendered.getByRole('button', { name: 'Menu', exact: true }).waitFor();
    const html = await rendered.content();

    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    await page.route(`${app.url}/`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto('/');
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Directory' }).isVisible()).to.equal(true);
    expect(await page.getByRole('button', { name: 'Menu', exact: true }).isVisible()).to.equal(false);
    expect(await smallTargets(navigation)).to.deep.equal([]);
  });

  it('keeps the message box in view in a long conversation, with the list scrolling above it', async function () {
    this.timeout(90_000);
    const a = await buildMember({ locale: 'en', displayName: 'Lucía Ferreira' });
    const b = await buildMember({ locale: 'en', displayName: 'Tomás Aguirre' });
    const [apiA, apiB] = [await signInAgain(app.url, a), await signInAgain(app.url, b)];
    const conversation = await acceptedConversation(apiA, apiB, 'Did the open-contracting pilot start?');
    // New members may send five messages in 30 seconds: four long ones fill more than a screen.
    const paragraph =
      'The procurement data for the second quarter is published, with the notes of the review board ' +
      'and the list of contracts that were awarded without competition, each with its justification.';
    for (let i = 1; i <= 4; i++) {
      const from = i % 2 ? apiB : apiA;
      await sendMessage(from, conversation.id, `Update ${i}: ${paragraph}\n\n${paragraph}\n\n${paragraph}`);
    }

    const page = await signedIn(a);
    await page.goto(`/messages/${conversation.id}`);
    await page.getByRole('heading', { level: 1, name: 'Tomás Aguirre' }).waitFor();
    await page.getByText('Update 4:').waitFor();
    const box = page.getByLabel('Write a message');
    const send = page.getByRole('button', { name: 'Send' });

    const inViewport = async () => {
      const rect = await box.boundingBox();
      expect(rect, 'the message box has a box').to.not.equal(null);
      if (!rect) return;
      expect(rect.y, 'top of the message box').to.be.at.least(0);
      expect(rect.y + rect.height, 'bottom of the message box').to.be.at.most(844);
    };
    // The page is longer than the screen, so the box is in view because it sticks, not by luck.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).to.be.greaterThan(844 * 1.5);
    await inViewport();
    // It opens at the newest message, just above the box.
    await page.waitForFunction(() => {
      const bodies = document.querySelectorAll('.message__body');
      const last = bodies[bodies.length - 1]?.getBoundingClientRect();
      const bar = document.querySelector('.conversation__compose')?.getBoundingClientRect();
      return Boolean(last && bar && last.bottom <= bar.top + 1 && last.bottom > bar.top - 400);
    });
    await screenshot(page, 'phone-conversation');
    await page.evaluate(() => window.scrollTo(0, 0));
    await inViewport();
    await page.getByText('Update 2:').scrollIntoViewIfNeeded();
    await inViewport();
    await screenshot(page, 'phone-conversation-scrolled');

    expect(await smallTargets(page.locator('.conversation__compose'))).to.deep.equal([]);
    expect((await send.boundingBox())?.height).to.be.at.least(TOUCH_TARGET);

    // Sending keeps the newest message above the box, not hidden under it.
    await box.fill('Thank you, I will read them tonight.');
    await box.press('Enter');
    const newest = page.locator('.message__body').filter({ hasText: 'I will read them tonight' });
    await newest.waitFor();
    await page.waitForFunction(() => {
      const bodies = document.querySelectorAll('.message__body');
      const last = bodies[bodies.length - 1]?.getBoundingClientRect();
      const bar = document.querySelector('.conversation__compose')?.getBoundingClientRect();
      return Boolean(last && bar && last.bottom <= bar.top + 1);
    });
    await inViewport();
    await expectNoSeriousA11yViolations(page);
  });

  it('shows the navigation in the header row on a wide screen, with no Menu button', async function () {
    this.timeout(60_000);
    const member = await buildMember({ locale: 'en', displayName: 'Renata Silva' });
    const page = await signedIn(member, { viewport: { width: 1280, height: 800 } });
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'Directory' }).waitFor();
    expect(await page.getByRole('button', { name: 'Menu', exact: true }).isVisible()).to.equal(false);
    await page.getByRole('button', { name: 'Account menu for Renata Silva' }).waitFor();
    await screenshot(page, 'wide-home');
  });
});
