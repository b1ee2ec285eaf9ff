import express, { type Express, type RequestHandler } from 'express';
import type pg from 'pg';
import { API_TABLES } from '@shared/api';
import type { Config } from '@server/config';
import type { Logger } from '@server/logger';
import type { Translator } from '@server/i18n/i18n';
import type { Metrics } from '@server/ops/metrics';
import { healthRoutes } from '@server/ops/health.routes';
import { requestContext } from '@server/http/request-context';
import { securityHeaders } from '@server/http/security';
import { localeMiddleware } from '@server/http/locale';
import type { Csrf } from '@server/http/csrf';
import { apiNotFound, errorHandler } from '@server/http/errors';
import { clientRoutes } from '@server/http/client';
import { refuseNulInUrl } from '@server/http/validate';
import { mountRoutes, type MountKit } from '@server/http/mount';
import type { SecondFactorCheck } from '@server/http/guards';
import { assertModulesDisjoint, type FeatureModule } from '@server/http/module';
import { apiReference } from '@server/http/api-reference';
import { compressResponses } from '@server/http/compress';
import type { AgoraPassport } from '@server/auth/passport';
import { touchSession } from '@server/auth/session-ops';

/** Everything the HTTP app is assembled from. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  pool: pg.Pool;
  translator: Translator;
  metrics: Metrics;
  csrf: Csrf;
  passport: AgoraPassport;
  sessionMiddleware: RequestHandler;
  /** Asked by the staff guard whether a moderator enrolled a second factor. */
  twoFactor: SecondFactorCheck;
  /** The features, in mount order. */
  modules: readonly FeatureModule[];
  /** True once shutdown has begun. */
  isDraining: () => boolean;
  /** Extra middleware in front of the client (the Vite dev server in `npm run dev`). */
  clientMiddleware?: RequestHandler;
  /** Renders the client's pages on the server (server/web); without it, pages are the app's shell. */
  pages?: RequestHandler;
}

/** API request bodies are small JSON documents; anything larger is refused with 413. */
const JSON_LIMIT = '64kb';

/**
 * Assembles the Express app: operations endpoints, the API under `/api/v1` (every module's contract
 * tables, module by module), the modules' pages, then the web client.
 */
export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(requestContext(deps.logger));
  app.use(deps.metrics.httpMetrics());
  app.use(healthRoutes(deps.pool, deps.metrics, deps.isDraining));
  app.use(securityHeaders(config));
  app.use(compressResponses());

  // Negotiated before parsing so that even a malformed body is refused in the visitor's language;
  // negotiated again once the member is known, whose saved preference wins. Pages also take `?lang=`
  // (a shared link in one language, a feed's address); the API negotiates anew without it, since its
  // `lang` parameters name content languages.
  app.use(localeMiddleware(config.defaultLocale, { fromQuery: true }));
  app.use(refuseNulInUrl);

  app.use(apiReference(API_TABLES, 'v1'));

  const api = express.Router();
  const kit: MountKit = {
    twoFactor: deps.twoFactor,
    requireEmailVerification: config.requireEmailVerification,
    checkContract: config.env !== 'production',
    logger: deps.logger,
  };
  api.use(express.json({ limit: JSON_LIMIT }));
  api.use(deps.sessionMiddleware);
  api.use(deps.passport.session());
  api.use(touchSession);
  api.use(localeMiddleware(config.defaultLocale));
  api.use(deps.csrf.middleware);
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  assertModulesDisjoint(deps.modules);
  for (const module of deps.modules) {
    for (const routes of module.routes) mountRoutes(api, routes.table, routes.handlers, kit);
  }
  api.use(apiNotFound);
  app.use('/api/v1', api);
  app.use('/api', apiNotFound);

  for (const module of deps.modules) {
    for (const page of module.pages ?? []) {
      if (page.path) app.use(page.path, page.handler);
      else app.use(page.handler);
    }
  }

  if (deps.clientMiddleware) app.use(deps.clientMiddleware);
  else app.use(clientRoutes(deps.pages));

  app.use(errorHandler(deps.translator, deps.logger, config.defaultLocale));
  return app;
}
