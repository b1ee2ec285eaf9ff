/**
 * Timing of the account e-mail request endpoints for known and unknown addresses:
 * `npx tsx bench/account-emails.ts [requests]` (also run by `npm run bench`), against embedded PGlite
 * and, when `DATABASE_URL` is set, that server. Requests alternate known/unknown in a shuffled order,
 * one at a time, each from its own client address (the bench measures the answer, not the rate limit),
 * and the background work of earlier requests runs as it would in production. Figures go to
 * bench/results/account-emails.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startTestApp } from '../test/helpers/app';

const REQUESTS = Number(process.argv[2] ?? 400);
const here = path.dirname(fileURLToPath(import.meta.url));

interface Figures {
  requests: number;
  meanMs: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return {
    requests: sorted.length,
    meanMs: round(sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length)),
    p50ms: round(at(50)),
    p95ms: round(at(95)),
    p99ms: round(at(99)),
  };
}

async function measure(mode: 'embedded' | 'server') {
  if (mode === 'embedded') delete process.env.DATABASE_URL;
  const app = await startTestApp(
    { LOG_LEVEL: 'silent' },
    { outbox: { autoStart: false }, digests: { autoStart: false } },
  );
  try {
    // Known addresses: one per request, so the per-mailbox cap never turns the work off.
    await app.pool.query(`insert into members (email, handle, display_name, password_hash, status)
      select 'known' || s || '@bench.example', 'known_' || s, 'Known ' || s, 'x', 'active'
      from generate_series(1, ${REQUESTS / 2}) s`);
    const first = await fetch(`${app.url}/api/v1/session`);
    const cookie = (first.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await first.json()) as { csrfToken: string };
    const order = Array.from({ length: REQUESTS }, (_, i) => i).sort(() => Math.random() - 0.5);
    const times = { known: [] as number[], unknown: [] as number[] };
    const send = async (i: number) => {
      const known = i % 2 === 0;
      const email = known ? `known${i / 2 + 1}@bench.example` : `nobody${i}@bench.example`;
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/v1/auth/password/forgot`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrfToken,
          cookie,
          'x-forwarded-for': `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        },
        body: JSON.stringify({ email }),
      });
      await res.arrayBuffer();
      const elapsed = performance.now() - t0;
      if (res.status !== 202) throw new Error(`forgot answered ${res.status}`);
      return { known, elapsed };
    };
    // Warm up the JIT and the pool on addresses outside the sample.
    for (let i = 0; i < 40; i += 1) await send(REQUESTS + 1 + 2 * i);
    await app.background.idle();
    for (const i of order) {
      const { known, elapsed } = await send(i);
      (known ? times.known : times.unknown).push(elapsed);
    }
    await app.background.idle();
    const { rows } = await app.pool.query<{ n: number }>(
      `select count(*)::int as n from account_tokens where purpose = 'reset'`,
    );
    const known = figures(times.known);
    const unknown = figures(times.unknown);
    return {
      mode,
      known,
      unknown,
      medianDifferenceMs: round(known.p50ms - unknown.p50ms),
      resetTokensWritten: rows[0]?.n ?? 0,
    };
  } finally {
    await app.dispose();
  }
}

const serverUrl = process.env.DATABASE_URL;
const runs = [await measure('embedded')];
if (serverUrl) {
  process.env.DATABASE_URL = serverUrl;
  runs.push(await measure('server'));
}
const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
  endpoint: 'POST /api/v1/auth/password/forgot',
  runs,
};
await mkdir(path.join(here, 'results'), { recursive: true });
const file = path.join(here, 'results', 'account-emails.json');
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
for (const run of runs) {
  process.stdout.write(`\n${run.mode} database — ${report.endpoint}\n`);
  for (const [name, f] of [
    ['known address', run.known],
    ['unknown address', run.unknown],
  ] as const) {
    process.stdout.write(
      `  ${name.padEnd(16)} n=${f.requests}  mean ${f.meanMs} ms  p50 ${f.p50ms} ms  p95 ${f.p95ms} ms  p99 ${f.p99ms} ms\n`,
    );
  }
  process.stdout.write(
    `  median difference ${run.medianDifferenceMs} ms; reset tokens written ${run.resetTokensWritten}\n`,
  );
}
process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
