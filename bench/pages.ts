// `npx tsx bench/pages.ts` (also run by `npm run bench`): the server-rendered pages under load, against
// a bare `node:http` server measured in the same run. This machine is shared and noisy, so every
// throughput is reported as a ratio to the bare server's. The load generator (autocannon, bench/load.ts)
// and the bare server each run in a process of their own; Ágora runs in this one, with production
// settings, on the embedded database (and on the PostgreSQL server of `DATABASE_URL` when it is set,
// in a scratch database dropped afterwards). Needs the client built first: `node scripts/build.mjs`.
import './production-env';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@server/config';
import { pino } from 'pino';
import { startAgora, type StartOptions } from '@server/server';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '@server/seed/demo-data';
import { threadPath } from '@shared/routes';
import { seedThread } from './thread-fixture';
import { createScratchDatabase, type ScratchDatabase } from '../test/helpers/database';
import type { LoadOptions, LoadResult } from './load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
/** The targets for a visitor's thread page of 100 posts at 50 connections. */
const TARGET = { ratio: 0.03, p99ms: 60 };

interface Scenario extends LoadResult {
  name: string;
  /** req/s over the bare server's, measured just before. */
  ratio: number;
  barePerSecond: number;
}

/** Runs autocannon in a child process against `url` and returns what it measured. */
function load(url: string, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const options: LoadOptions = { url, connections: CONNECTIONS, seconds, headers };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'load.ts'), JSON.stringify(options)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadResult);
    });
  });
}

/** Checks that `url` answers 200 with the headers given (a scenario that only measures errors is useless). */
async function expectOk(url: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return body.byteLength;
}

/** The bare baseline: `node:http` answering "hello" in a process of its own. */
async function startBareServer(): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (exitCode) => reject(new Error(`bare server exited with ${exitCode}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

/** Signs a demo member in over HTTP and returns the session cookie (`name=value`). */
async function signIn(url: string): Promise<string> {
  const first = await fetch(`${url}/api/v1/session`);
  const visitorCookie = (first.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const member = DEMO_MEMBERS.find((m) => m.role === 'member');
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: visitorCookie },
    body: JSON.stringify({ email: member?.email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  // The session cookie and the CSRF cookie issued with it.
  const cookie = res.headers
    .getSetCookie()
    .map((set) => set.split(';')[0])
    .join('; ');
  const session = (await (await fetch(`${url}/api/v1/session`, { headers: { cookie } })).json()) as {
    user: unknown;
  };
  if (!session.user) throw new Error('the sign-in did not hold');
  return cookie;
}

const logFile = path.join(os.tmpdir(), `agora-bench-pages-${process.pid}.log`);

async function startApp(
  mode: 'embedded' | 'server',
  dataDir: string,
  databaseUrl: string | undefined,
  options: StartOptions = {},
) {
  const config = parseConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: mode === 'server' ? databaseUrl : undefined,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'true',
  });
  // The app's log goes to a file (a failed render logs its query with 100 parameters): counted, not printed.
  const logger = pino(
    { level: config.logLevel, base: { service: 'agora', run: mode } },
    pino.destination({ dest: logFile, sync: false, append: true }),
  );
  return startAgora(config, logger, options);
}

async function benchmark(mode: 'embedded' | 'server', databaseUrl?: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `agora-bench-pages-${mode}-`));
  let scratch: ScratchDatabase | undefined;
  if (mode === 'server' && databaseUrl) scratch = await createScratchDatabase(databaseUrl, 'bench');
  const bare = await startBareServer();
  const results: Scenario[] = [];
  // Each scenario is measured right after the bare server, so that both see the same neighbours on
  // this shared machine; its ratio is to that bare run.
  const measure = async (
    name: string,
    url: string,
    headers: Record<string, string> = {},
    app?: { pool: { waitingCount: number } },
  ) => {
    // Requests the previous scenario left queued for the database are still being served: wait them out.
    for (let waited = 0; app && app.pool.waitingCount > 0 && waited < 120; waited += 1) await sleep(500);
    await expectOk(url, headers);
    await load(url, WARM_UP_SECONDS, headers);
    const baseline = await load(bare.url, SECONDS);
    const result = await load(url, SECONDS, headers);
    const ratio = Math.round((result.perSecond / baseline.perSecond) * 10000) / 10000;
    results.push({ name, ...result, ratio, barePerSecond: baseline.perSecond });
    process.stdout.write(
      `  ${name.padEnd(46)} ${String(result.perSecond).padStart(6)} req/s (bare ${baseline.perSecond})  p99 ${result.p99ms} ms  non-2xx ${result.non2xx}\n`,
    );
  };
  let threadId: string;
  try {
    process.stdout.write(`\n${mode} database\n`);
    await load(bare.url, WARM_UP_SECONDS);
    const baseline = await load(bare.url, SECONDS);
    results.push({
      name: 'bare node:http hello (the 100 %)',
      ...baseline,
      ratio: 1,
      barePerSecond: baseline.perSecond,
    });

    const app = await startApp(mode, dataDir, scratch?.url);
    try {
      threadId = await seedThread(app);
      const thread = `${app.url}${threadPath(threadId)}`;
      const br = { 'accept-encoding': 'br' };
      await measure('visitor: thread page, 100 posts (cached, br)', thread, br, app);
      const cookie = await signIn(app.url);
      await measure('member: thread page, 100 posts (br)', thread, { ...br, cookie }, app);
      await measure(
        'visitor: GET /api/v1/threads/<id>?limit=100',
        `${app.url}/api/v1/threads/${threadId}?limit=100`,
        br,
        app,
      );
      await measure('visitor: home page (cached, br)', `${app.url}/`, br, app);
    } finally {
      await app.stop();
    }

    // The same data served with the page cache off: every visitor's page is rendered.
    const uncached = await startApp(mode, dataDir, scratch?.url, { pageCache: { maxEntries: 0, ttlMs: 0 } });
    try {
      await measure(
        'visitor: thread page, 100 posts (uncached, br)',
        `${uncached.url}${threadPath(threadId)}`,
        { 'accept-encoding': 'br' },
        uncached,
      );
    } finally {
      await uncached.stop();
    }
  } finally {
    bare.child.kill();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const visitorThread = results.find((r) => r.name.startsWith('visitor: thread page, 100 posts (cached'));
  return {
    mode,
    results,
    target: {
      ...TARGET,
      met: Boolean(
        visitorThread && visitorThread.ratio >= TARGET.ratio && visitorThread.p99ms <= TARGET.p99ms,
      ),
    },
  };
}

function table(run: Awaited<ReturnType<typeof benchmark>>): string {
  const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)} %`;
  const rows = run.results.map(
    (r) =>
      `| ${r.name} | ${r.perSecond} | ${r.barePerSecond} | ${percent(r.ratio)} | ${r.p50ms} | ${r.p95ms} | ${r.p99ms} | ${r.errors} (${r.timeouts} timed out) / ${r.non2xx} | ${r.bytesPerRequest} |`,
  );
  return [
    `| scenario (${CONNECTIONS} connections, ${SECONDS} s) | req/s | bare req/s | of bare | p50 ms | p95 ms | p99 ms | errors / non-2xx | bytes/req |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

const runs = [await benchmark('embedded')];
if (process.env.DATABASE_URL) runs.push(await benchmark('server', process.env.DATABASE_URL));

/** Errors the apps logged per run (a render that failed: the database pool's queue timed out, …). */
const logged = (await readFile(logFile, 'utf8').catch(() => ''))
  .split('\n')
  .filter((line) => line.includes('"level":50'));
const serverErrorsLogged = Object.fromEntries(
  runs.map((run) => [run.mode, logged.filter((line) => line.includes(`"run":"${run.mode}"`)).length]),
);

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  },
  method: `autocannon in a child process, ${CONNECTIONS} connections, ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up; ratio = req/s over a bare node:http server's (another process) measured just before each scenario`,
  serverLog: logFile,
  serverErrorsLogged,
  runs,
};
await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', 'pages.json');
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
for (const run of runs) {
  process.stdout.write(`\n### ${run.mode} database\n\n${table(run)}\n`);
  process.stdout.write(
    `\nerrors the app logged: ${serverErrorsLogged[run.mode] ?? 0} (${logFile})\ntarget (visitor thread page ≥ ${TARGET.ratio * 100} % of bare, p99 ≤ ${TARGET.p99ms} ms): ${run.target.met ? 'met' : 'NOT met'}\n`,
  );
}
process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
