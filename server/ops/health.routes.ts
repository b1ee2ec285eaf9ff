import { Router } from 'express';
import type pg from 'pg';
import { pingDatabase } from '@server/db/pool';
import type { Metrics } from './metrics';

/**
 * `/healthz` (the process answers), `/readyz` (the database answers and the process is not shutting
 * down, so a load balancer stops sending it traffic) and `/metrics`.
 */
export function healthRoutes(pool: pg.Pool, metrics: Metrics, isDraining: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (isDraining()) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await pingDatabase(pool);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return router;
}
