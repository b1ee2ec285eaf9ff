import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'chai';
import type { Locale } from '@shared/constants';
import { text } from './copy';

const require = createRequire(import.meta.url);

/** The Chromium the browser suites drive: `CHROMIUM_PATH`, else the system one. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

let warned = false;

/**
 * Registers hooks on the calling suite that launch Chromium once and close it after. Without a
 * browser the suite is skipped with a loud notice, unless `REQUIRE_BROWSER=1` makes that a failure.
 */
export function withBrowser(suite: Mocha.Suite): () => Browser {
  let browser: Browser | undefined;
  suite.beforeAll(async function (this: Mocha.Context) {
    this.timeout(60_000);
    const executablePath = chromiumPath();
    if (!executablePath) {
      if (process.env.REQUIRE_BROWSER === '1') throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
      if (!warned) {
        warned = true;
        process.stderr.write(
          '\n  !!! Browser tests SKIPPED: no Chromium at CHROMIUM_PATH or /usr/bin/chromium.\n' +
            '  !!! Install it (apt-get install -y chromium) or set REQUIRE_BROWSER=1 to make this an error.\n\n',
        );
      }
      this.skip();
    }
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  });
  suite.afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running');
    return browser;
  };
}

let axeSource: string | undefined;

/** Runs axe-core on the page and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's CSP (rightly) forbids injected inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `accessibility violations on ${page.url()}`).to.deep.equal([]);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Signs in through the pages, in the page's language: e-mail and password, then the authenticator's
 * `code` when the member has a second factor; resolves once the account menu shows the member.
 */
export async function signInThroughPages(
  page: Page,
  member: { email: string; password: string; displayName: string },
  locale: Locale,
  code?: string,
): Promise<void> {
  const t = (key: string, params: Record<string, string> = {}) => text(locale, key, params);
  await page.goto('/signin');
  await page.getByLabel(t('auth:field.email')).fill(member.email);
  await page.getByLabel(t('auth:field.password')).fill(member.password);
  await page.getByRole('button', { name: t('auth:signIn.submit') }).click();
  if (code) {
    const step = page.getByRole('form', { name: t('security:secondFactor.title') });
    await step.getByLabel(t('security:secondFactor.codeLabel')).fill(code);
    await step.getByRole('button', { name: t('security:secondFactor.submit') }).click();
  }
  await page.getByRole('button', { name: t('common:account.menu', { name: member.displayName }) }).waitFor();
}
