// `npx tsx bench/lighthouse.ts` (also run by `npm run bench`): Lighthouse's default audit (mobile,
// simulated throttling) of the home page, a demo thread and the directory, as a visitor, against Ágora
// started here with production settings on an embedded database holding the demo content. Uses the
// system Chromium (`CHROMIUM_PATH`, else /usr/bin/chromium); needs the client built first
// (`node scripts/build.mjs`). Writes bench/results/lighthouse.json.
import './production-env';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { startAgora } from '@server/server';
import { threadPath } from '@shared/routes';
import type { ThreadListResponse } from '@shared/api/threads';
import { chromiumPath } from '../test/helpers/browser';
import { auditPage, describeFailures, launchChromium, type PageAudit } from '../test/helpers/lighthouse';

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGETS: Record<string, number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 95,
  seo: 100,
};

const executablePath = chromiumPath();
if (!executablePath) throw new Error('no Chromium at CHROMIUM_PATH or /usr/bin/chromium');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'agora-bench-lighthouse-'));
const config = parseConfig({
  NODE_ENV: 'production',
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  SEED_DEMO: 'true',
});
const app = await startAgora(config, createLogger(config.logLevel));
const chromium = await launchChromium(executablePath);
const audits: PageAudit[] = [];
try {
  // The demo thread with the most posts: the longest page a visitor reads.
  const list = (await (await fetch(`${app.url}/api/v1/threads?limit=50`)).json()) as ThreadListResponse;
  const [thread] = [...list.items].sort((a, b) => b.postCount - a.postCount);
  if (!thread) throw new Error('the demo seed has no thread');
  const pages = ['/', threadPath(thread.id), '/members'];
  for (const page of pages) {
    // Lighthouse loads the page cold (cache cleared); the first render fills the server's page cache.
    await fetch(`${app.url}${page}`);
    const audit = await auditPage(`${app.url}${page}`, chromium.port);
    audits.push({ ...audit, url: page });
    process.stdout.write(`\n${page}: ${JSON.stringify(audit.scores)} ${JSON.stringify(audit.metrics)}\n`);
    if (audit.failing.length) process.stdout.write(`${describeFailures(audit.failing)}\n`);
  }
} finally {
  await chromium.close();
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    node: process.version,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  },
  settings: 'Lighthouse 12.2.3 default config: mobile form factor, simulated throttling (Slow 4G, 4x CPU)',
  targets: TARGETS,
  pages: audits,
};
await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', 'lighthouse.json');
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

const categories = Object.keys(TARGETS);
process.stdout.write(
  `\n| page | ${categories.join(' | ')} |\n| --- | ${categories.map(() => '---:').join(' | ')} |\n` +
    audits
      .map(
        (a) =>
          `| \`${a.url.replace(/[0-9a-f-]{36}/, '<id>')}\` | ${categories.map((c) => a.scores[c] ?? '–').join(' | ')} |`,
      )
      .join('\n') +
    '\n',
);
const missed = audits.flatMap((a) =>
  categories.filter((c) => (a.scores[c] ?? 0) < (TARGETS[c] ?? 0)).map((c) => `${a.url} ${c} ${a.scores[c]}`),
);
process.stdout.write(missed.length ? `\nbelow target: ${missed.join('; ')}\n` : '\nevery target met\n');
process.stdout.write(`written to ${path.relative(process.cwd(), file)}\n`);
