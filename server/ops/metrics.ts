import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The background jobs whose failures are counted in `agora_job_failures_total{job}`. */
export const JOBS = [
  /** A run of the e-mail outbox sender (claiming or marking rows) failed. */
  'outbox',
  /** One e-mail's delivery attempt failed (it is retried with backoff). */
  'mail_delivery',
  /** A run of the digest scheduler failed. */
  'digests',
  /** A run of the sweep that lifts expired suspensions failed. */
  'suspension_sweep',
  /** Work started after an answer (account e-mail requests) failed. */
  'background_task',
] as const;

/** A job named in `JOBS`. */
export type JobName = (typeof JOBS)[number];

/** The e-mail outbox's unsent rows: due now, or waiting for their time (a delay or a retry's backoff). */
export interface OutboxBacklog {
  due: number;
  scheduled: number;
  /** Seconds since the oldest due e-mail became due; 0 when none is due. */
  oldestDueSeconds: number;
}

/** A scrape does not wait longer than this for the outbox's figures (the database may be away). */
const BACKLOG_DEADLINE_MS = 2000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('deadline')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The process's Prometheus registry and the instruments the server feeds. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'agora_' });
  const duration = new Histogram({
    name: 'agora_http_request_duration_seconds',
    help: 'HTTP request duration by route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sockets = new Counter({
    name: 'agora_socket_connections_total',
    help: 'Socket.IO connections accepted, by whether the socket is signed in',
    labelNames: ['signed_in'] as const,
    registers: [registry],
  });
  const connected = new Gauge({
    name: 'agora_sockets_connected',
    help: 'Socket.IO sockets connected to this process now, by whether the socket is signed in',
    labelNames: ['signed_in'] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'agora_job_failures_total',
    help: 'Failures of background jobs, by job',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  for (const signedIn of ['true', 'false']) connected.set({ signed_in: signedIn }, 0);
  // Every job's series exists from the start, so that rate() and alerts see the first failure.
  for (const job of JOBS) jobFailures.inc({ job }, 0);

  // One read of the outbox per scrape feeds both of its gauges (whose collect() run side by side).
  let readBacklog: (() => Promise<OutboxBacklog>) | undefined;
  let reading: Promise<OutboxBacklog | undefined> | undefined;
  const currentBacklog = (): Promise<OutboxBacklog | undefined> => {
    if (!readBacklog) return Promise.resolve(undefined);
    reading ??= withDeadline(readBacklog(), BACKLOG_DEADLINE_MS)
      // The database does not answer (see /readyz): no figure rather than a stale one.
      .catch(() => undefined)
      .finally(() => setImmediate(() => (reading = undefined)));
    return reading;
  };
  new Gauge({
    name: 'agora_outbox_backlog',
    help: 'E-mails in the outbox not yet sent: due now, or scheduled for later (delay or retry)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const backlog = await currentBacklog();
      if (!backlog) return this.reset();
      this.set({ state: 'due' }, backlog.due);
      this.set({ state: 'scheduled' }, backlog.scheduled);
    },
  });
  new Gauge({
    name: 'agora_outbox_oldest_due_seconds',
    help: 'How long the oldest due e-mail of the outbox has waited to be sent',
    registers: [registry],
    async collect() {
      const backlog = await currentBacklog();
      if (!backlog) return this.reset();
      this.set(backlog.oldestDueSeconds);
    },
  });

  return {
    registry,
    /** Counts a socket while it is connected. */
    socketConnected(signedIn: boolean): () => void {
      const labels = { signed_in: signedIn ? 'true' : 'false' };
      sockets.inc(labels);
      connected.inc(labels);
      return () => connected.dec(labels);
    },
    /** Counts one failure of a background job. */
    jobFailed(job: JobName): void {
      jobFailures.inc({ job });
    },
    /** Where `agora_outbox_backlog` is read from at each scrape (the outbox sender's database). */
    measureOutbox(read: () => Promise<OutboxBacklog>): void {
      readBacklog = read;
    },
    /** Times every request; the route label is the matched route pattern, never the raw URL. */
    httpMetrics() {
      return (req: Request, res: Response, next: NextFunction) => {
        const end = duration.startTimer();
        res.on('finish', () => {
          const matched = req.route as { path: string } | undefined;
          const route = matched ? `${req.baseUrl}${matched.path}` : 'unmatched';
          end({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
        });
        next();
      };
    },
  };
}

/** The metrics of one app instance. */
export type Metrics = ReturnType<typeof createMetrics>;
