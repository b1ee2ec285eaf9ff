// `npm run bench`: measures the foundation's hot paths on this machine and writes the figures to
// bench/results/. Load goes only to the app it starts on loopback; every loop is bounded.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@server/config';
import { createLogger } from '@server/logger';
import { startAgora } from '@server/server';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '@server/seed/demo-data';

interface Result {
  name: string;
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  errors: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sends `total` requests with `concurrency` in flight, recording each latency. */
async function load(
  name: string,
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!res.ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name,
    requests: total,
    concurrency,
    seconds: round(seconds),
    perSecond: Math.round(total / seconds),
    p50ms: round(percentile(latencies, 50)),
    p95ms: round(percentile(latencies, 95)),
    p99ms: round(percentile(latencies, 99)),
    errors,
  };
}

async function benchmark(mode: 'embedded' | 'server', databaseUrl?: string) {
  const dataDir = path.join(os.tmpdir(), `agora-bench-${process.pid}-${mode}`);
  const config = parseConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
  });
  const app = await startAgora(config, createLogger('silent'), { inMemoryDatabase: true });
  const results: Result[] = [];
  try {
    const url = app.url;
    // Warm up the JIT and the pool.
    await load('warm-up', 200, 8, () => fetch(`${url}/api/v1/categories`));
    results.push(await load('GET /api/v1/categories', 5000, 32, () => fetch(`${url}/api/v1/categories`)));
    results.push(await load('GET /api/v1/session (visitor)', 5000, 32, () => fetch(`${url}/api/v1/session`)));
    results.push(await load('GET /healthz', 5000, 32, () => fetch(`${url}/healthz`)));

    const first = await fetch(`${url}/api/v1/session`);
    const cookie = (first.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await first.json()) as { csrfToken: string };
    const member = DEMO_MEMBERS.find((m) => m.role === 'member');
    results.push(
      await load('POST /api/v1/auth/login (argon2id)', 200, 4, (i) =>
        fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': csrfToken,
            cookie,
            // A distinct address per request: the bench measures sign-in, not the rate limiter.
            'x-forwarded-for': `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          },
          body: JSON.stringify({ email: member?.email, password: DEMO_PASSWORD }),
        }),
      ),
    );
    const memory = process.memoryUsage();
    return {
      mode,
      results,
      rssMiB: Math.round(memory.rss / 1048576),
      heapUsedMiB: Math.round(memory.heapUsed / 1048576),
    };
  } finally {
    await app.stop();
  }
}

const runs = [await benchmark('embedded')];
if (process.env.DATABASE_URL) runs.push(await benchmark('server', process.env.DATABASE_URL));

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  runs,
};
await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', 'foundation.json');
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
for (const run of runs) {
  process.stdout.write(`\n${run.mode} database — RSS ${run.rssMiB} MiB (bench and server in one process)\n`);
  for (const r of run.results) {
    process.stdout.write(
      `  ${r.name.padEnd(38)} ${String(r.perSecond).padStart(6)} req/s  p50 ${r.p50ms} ms  p95 ${r.p95ms} ms  p99 ${r.p99ms} ms  errors ${r.errors}\n`,
    );
  }
}
process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
