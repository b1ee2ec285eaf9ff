// Lighthouse against the system Chromium, for bench/lighthouse.ts and test/e2e/lighthouse.e2e.test.ts:
// Chromium is started here with a DevTools port (no browser is downloaded), and each page is audited
// with Lighthouse's default configuration (mobile, simulated throttling) unless told otherwise.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';

/** A Chromium listening for DevTools on `port`. */
export interface DebuggableChromium {
  port: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts headless Chromium with remote debugging on a free port and waits until DevTools answers. */
export async function launchChromium(executablePath: string): Promise<DebuggableChromium> {
  const port = await freePort();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'agora-lighthouse-'));
  const child = spawn(
    executablePath,
    [
      '--headless=new',
      '--no-sandbox',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null) {
      child.kill();
      await exited;
    }
    await rm(profile, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`Chromium at ${executablePath} did not open its DevTools port`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, close };
}

/** An audit that did not pass, with the elements it names (accessibility, SEO). */
export interface FailedAudit {
  category: string;
  id: string;
  title: string;
  score: number;
  displayValue?: string;
  elements: string[];
}

export interface PageAudit {
  url: string;
  /** Category scores, 0–100. */
  scores: Record<string, number>;
  /** Core metrics (performance runs only). */
  metrics: Record<string, string>;
  failing: FailedAudit[];
}

interface AuditDetails {
  items?: { node?: { selector?: string; snippet?: string }; issueType?: string; url?: string }[];
}

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

/** Audits `url` in the Chromium on `port`; `onlyCategories` narrows the run (default: all of them). */
export async function auditPage(url: string, port: number, onlyCategories?: string[]): Promise<PageAudit> {
  const result = await lighthouse(url, {
    port,
    logLevel: 'error',
    output: 'json',
    ...(onlyCategories ? { onlyCategories } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  const scores: Record<string, number> = {};
  const failing: FailedAudit[] = [];
  for (const [key, category] of Object.entries(lhr.categories)) {
    scores[key] = Math.round((category.score ?? 0) * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 1) continue;
      if (audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'manual') continue;
      // Performance diagnostics and opportunities carry no weight; only metrics move the score.
      if (key === 'performance' && ref.weight === 0 && audit.score >= 0.9) continue;
      const details = audit.details as AuditDetails | undefined;
      failing.push({
        category: key,
        id: audit.id,
        title: audit.title,
        score: audit.score,
        ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        elements: (details?.items ?? [])
          .map((item) => item.node?.selector ?? item.node?.snippet ?? item.issueType ?? item.url ?? '')
          .filter(Boolean)
          .slice(0, 5),
      });
    }
  }
  const metrics: Record<string, string> = {};
  for (const id of METRICS) {
    const audit = lhr.audits[id];
    if (audit?.displayValue) metrics[id] = audit.displayValue;
  }
  return { url, scores, metrics, failing };
}

/** The failing audits as lines for an assertion message or the console. */
export function describeFailures(failing: FailedAudit[]): string {
  return failing
    .map(
      (f) =>
        `${f.category}: ${f.id} — ${f.title} (score ${f.score}${f.displayValue ? `, ${f.displayValue}` : ''})` +
        (f.elements.length ? ` on ${f.elements.join(', ')}` : ''),
    )
    .join('\n');
}
