import type { RequestHandler } from 'express';
import type { RouteTable } from '@shared/contract';
import type { RoomAccess } from '@server/realtime/broadcast';
import type { SocketFeature } from '@server/realtime/io';
import type { Executor, Tx } from '@server/db/pool';
import type { EventListeners } from '@server/events';
import type { RouteHandlers } from './mount';

/** One contract table with the handlers that answer it. */
export interface ApiRoutes {
  table: RouteTable;
  handlers: RouteHandlers<RouteTable>;
}

/** Pairs a table with its handlers, checked against each other here (the list of tables is mixed). */
export function apiRoutes<T extends RouteTable>(table: T, handlers: RouteHandlers<T>): ApiRoutes {
  return { table, handlers: handlers as unknown as RouteHandlers<RouteTable> };
}

/** Routes outside the API (full pages, redirects, files), mounted after it under `path`. */
export interface PageRoutes {
  path?: string;
  handler: RequestHandler;
}

/**
 * What a feature plugs into the kernel. The composition root mounts every module generically, in the
 * order of its list: the API tables (under /api/v1) module by module, then the pages, and registers
 * the socket handlers and room guards.
 */
export interface FeatureModule {
  /** The feature's folder, for errors and logs. */
  name: string;
  /** Contract tables, mounted in this order. */
  routes: ApiRoutes[];
  /** Routes outside the API. */
  pages?: PageRoutes[];
  /** Socket handlers, registered on every connection in module order. */
  sockets?: SocketFeature[];
  /** Who may stay in each kind of guarded room (`thread`, `conversation`, …). */
  rooms?: Record<string, RoomAccess>;
  /** What the feature does when domain events happen (shared/domain-events.ts), in and after their transaction. */
  events?: EventListeners;
  /** The feature's part of a member's data: in the archive (in module order) and erased with the account. */
  personalData?: PersonalDataContributor[];
}

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/** Whether two route paths can match one URL (a `:param` segment matches any one segment). */
function mayMatchSameUrl(a: string, b: string): boolean {
  const left = segmentsOf(a);
  const right = segmentsOf(b);
  return (
    left.length === right.length &&
    left.every((segment, i) => {
      const other = right[i] ?? '';
      return segment === other || segment.startsWith(':') || other.startsWith(':');
    })
  );
}

/**
 * Refuses modules whose API routes could answer the same request: Express matches in registration
 * order, so such routes would make the order of modules matter. Order inside a module is the module's
 * own (the forum mounts `/threads/featured` before `/threads/:id`); across modules it must not matter.
 */
export function assertModulesDisjoint(modules: readonly FeatureModule[]): void {
  const seen: { module: string; method: string; path: string }[] = [];
  for (const module of modules) {
    const own = module.routes.flatMap((routes) =>
      Object.values(routes.table).map((spec) => ({
        module: module.name,
        method: spec.method,
        path: spec.path,
      })),
    );
    for (const route of own) {
      const clash = seen.find(
        (earlier) => earlier.method === route.method && mayMatchSameUrl(earlier.path, route.path),
      );
      if (clash) {
        throw new Error(
          `${route.method} ${route.path} (module ${route.module}) may answer the requests of ` +
            `${clash.method} ${clash.path} (module ${clash.module}): move one of them into the other's module`,
        );
      }
    }
    seen.push(...own);
  }
}

/**
 * One feature's part of a member's data: what it exports (only what the member wrote or chose, never
 * other members' private data) and, optionally, what it must erase itself when the account is deleted
 * (most data goes with the member row through foreign keys: CASCADE for private data, SET NULL for
 * public content kept as "former member").
 */
export interface PersonalDataContributor {
  /** The key of this part in the archive (`profile`, `posts`, `messages`, …). */
  key: string;
  collect(db: Executor, memberId: string): Promise<unknown>;
  erase?(tx: Tx, memberId: string): Promise<void>;
  /** Work after the deletion committed (files on disk). */
  afterErase?(memberId: string, collected: unknown): Promise<void>;
}
