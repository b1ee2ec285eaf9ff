import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus registry and the HTTP instruments fed by `httpMetrics()`. */
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

  return {
    registry,
    sockets,
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
