// The load generator of bench/pages.ts, run in a process of its own so that its work is not charged to
// the server it measures: `node --import tsx bench/load.ts '<options as JSON>'` drives autocannon at one
// address and prints one line of JSON: throughput, latency percentiles (p95 included, which autocannon's
// own summary lacks), errors, statuses and bytes.
import { createRequire } from 'node:module';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  maxms: number;
  /** Failed requests, timeouts included (autocannon counts a request unanswered in 10 s as both). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Response bytes per request (headers and body, as sent on the wire). */
  bytesPerRequest: number;
  seconds: number;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return Math.round(value * 100) / 100;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const latencies: number[] = [];
const instance = autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.seconds,
  headers: options.headers ?? {},
});
instance.on('response', (_client, _status, _bytes, ms) => {
  latencies.push(ms);
});
instance.on('done', (result) => {
  const sorted = Float64Array.from(latencies).sort();
  const out: LoadResult = {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / result.duration),
    p50ms: percentile(sorted, 50),
    p95ms: percentile(sorted, 95),
    p99ms: percentile(sorted, 99),
    maxms: percentile(sorted, 100),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    seconds: Math.round(result.duration * 100) / 100,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
});
