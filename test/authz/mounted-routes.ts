import type { Express } from 'express';

/** One route as mounted: the HTTP method (lower case) and the full Express path pattern. */
export interface MountedRoute {
  method: string;
  path: string;
}

/** The parts of the router's layers this reads (router 2: `rawPath` keeps the pattern as written). */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const patterns = (raw: unknown): string[] =>
  (Array.isArray(raw) ? (raw as unknown[]).flat(Infinity) : [raw]).filter(
    (p): p is string => typeof p === 'string',
  );

const join = (prefix: string, path: string): string =>
  path === '/' || path === '' ? prefix || '/' : `${prefix}${path}`;

function walk(stack: readonly Layer[], prefix: string, into: MountedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
      for (const path of patterns(layer.route.path)) {
        for (const method of methods)
          into.push({ method: method === '_all' ? 'all' : method, path: join(prefix, path) });
      }
    } else if (layer.handle?.stack) {
      // A mounted router (`app.use('/api/v1', api)`, `api.use(router)`): its routes sit under the mount path.
      const mounts = patterns(layer.rawPath);
      for (const mount of mounts.length ? mounts : ['/'])
        walk(layer.handle.stack, join(prefix, mount === '/' ? '' : mount), into);
    }
  }
}

/** Every route the app serves, found by walking its router's stack. */
export function mountedRoutes(app: Express): MountedRoute[] {
  const router = (app as unknown as { router?: { stack: Layer[] } }).router;
  if (!router) throw new Error('the app has no router to walk');
  const routes: MountedRoute[] = [];
  walk(router.stack, '', routes);
  return routes;
}
