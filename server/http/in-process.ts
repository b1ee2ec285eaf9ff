import type { Request, Response } from 'express';
import type { RouteSpec } from '@shared/contract';
import { AppError, notFound } from '@server/errors';
import type { FeatureModule } from './module';
import { answerOf, type RouteHandler, type RouteInput } from './mount';
import { parseInput } from './validate';

/** What a read of the contract takes: path parameters and query, unparsed, as a URL would carry them. */
export interface ReadRequest {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
}

/**
 * Answers a public or member read of the contract in-process, for the request being served (its session,
 * member and language): the server renderer reads exactly what the browser would through `/api/v1`,
 * parsed and authorized the same way, without a second HTTP round trip.
 */
export type ContractReader = <T = unknown>(
  spec: RouteSpec,
  input: ReadRequest,
  req: Request,
  res: Response,
) => Promise<T>;

/** The in-process reader over every module's contract tables. Staff routes are not read this way. */
export function createContractReader(modules: readonly FeatureModule[]): ContractReader {
  const handlers = new Map<RouteSpec, RouteHandler<RouteSpec>>();
  for (const module of modules) {
    for (const routes of module.routes) {
      for (const [name, spec] of Object.entries(routes.table)) {
        const handler = routes.handlers[name];
        if (handler) handlers.set(spec, handler);
      }
    }
  }
  return async <T>(spec: RouteSpec, input: ReadRequest, req: Request, res: Response): Promise<T> => {
    const handler = handlers.get(spec);
    if (!handler || spec.method !== 'GET')
      throw new Error(`${spec.method} ${spec.path} is not a mounted read`);
    if (spec.access === 'staff') throw new Error(`${spec.path} is a staff read: pages do not render it`);
    if (spec.access === 'member' && !req.user) throw new AppError(401, 'unauthenticated');
    let params: unknown = {};
    if (spec.params) {
      const parsed = spec.params.safeParse(input.params ?? {});
      // As over HTTP: a parameter of the wrong shape names nothing.
      if (!parsed.success) throw notFound();
      params = parsed.data;
    }
    const query = spec.query ? parseInput(spec.query, input.query ?? {}) : undefined;
    const result = await handler({
      params,
      query,
      body: undefined,
      member: req.user,
      req,
      res,
    } as RouteInput<RouteSpec>);
    return answerOf(result).body as T;
  };
}
