import express from 'express';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import {
  COMMON_ERRORS,
  type ParsedBody,
  type ParsedParams,
  type ParsedQuery,
  type ResponseOf,
  type RouteSpec,
  type RouteTable,
  type RouteUpload,
} from '@shared/contract';
import type { ErrorCode } from '@shared/errors';
import { AppError } from '@server/errors';
import type { Logger } from '@server/logger';
import { requireFreshProof, requireMember, requireStaff, type SecondFactorCheck } from './guards';
import { parseInput } from './validate';

/** What a handler receives: the parsed input, the member (when the route needs one), and the exchange. */
export interface RouteInput<S extends RouteSpec> {
  params: ParsedParams<S>;
  query: ParsedQuery<S>;
  /** The parsed JSON body, or the bytes of an upload (empty when another content type was sent). */
  body: S extends { upload: RouteUpload } ? Buffer : ParsedBody<S>;
  /** The signed-in member: always there unless the route is public. */
  member: S['access'] extends 'public' ? Express.User | undefined : Express.User;
  /** For what only HTTP knows: the session, the client's address, headers. */
  req: Request;
  res: Response;
}

/** A route's handler: the call to its service, returning the answer the contract declares. */
export type RouteHandler<S extends RouteSpec> = (
  input: RouteInput<S>,
) => Promise<ResponseOf<S> | Reply<ResponseOf<S>>> | ResponseOf<S> | Reply<ResponseOf<S>>;

/** Handlers for every route of a table. */
export type RouteHandlers<T extends RouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

const REPLY = Symbol('reply');

/** An answer whose status differs from the route's usual one (a creation that already existed, say). */
export interface Reply<T> {
  [REPLY]: true;
  status: number;
  body: T;
}

/** Answers with another status than the route's declared one. */
export function reply<T>(status: number, body: T): Reply<T> {
  return { [REPLY]: true, status, body };
}

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && REPLY in value;
}

/** A handler's result as status (undefined: the route's usual one) and body. */
export function answerOf(result: unknown): { status: number | undefined; body: unknown } {
  return isReply(result) ? { status: result.status, body: result.body } : { status: undefined, body: result };
}

/** What the mount needs from the rest of the server. */
export interface MountKit {
  twoFactor: SecondFactorCheck;
  /** `REQUIRE_EMAIL_VERIFICATION`: routes that publish need a verified address. */
  requireEmailVerification: boolean;
  /**
   * Check every answer against its declared schema and every error against the route's declared codes
   * (development and tests): a handler that drifts from the contract fails loudly instead of shipping.
   */
  checkContract: boolean;
  logger: Logger;
}

const methodOf = (spec: RouteSpec) =>
  spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

function guardsOf(spec: RouteSpec, kit: MountKit): RequestHandler[] {
  const guards: RequestHandler[] = [];
  if (spec.access === 'member') guards.push(requireMember());
  if (spec.access === 'staff') guards.push(requireStaff(kit.twoFactor));
  if (spec.freshProof) guards.push(requireFreshProof());
  if (spec.publishes && kit.requireEmailVerification) {
    guards.push((req, _res, next) =>
      next(req.user && !req.user.emailVerifiedAt ? new AppError(403, 'email_not_verified') : undefined),
    );
  }
  return guards;
}

/** An upload's raw body is read once the guards passed; a larger one is a 413 from the parser. */
function uploadParsers(spec: RouteSpec): RequestHandler[] {
  if (!spec.upload) return [];
  return [express.raw({ type: [...spec.upload.contentTypes], limit: spec.upload.maxBytes })];
}

/** The error codes a route may answer. */
export function declaredErrors(spec: RouteSpec): ReadonlySet<ErrorCode> {
  return new Set<ErrorCode>([...COMMON_ERRORS, ...(spec.errors ?? [])]);
}

/** Thrown (as a 500) when a handler answers something its contract does not declare. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

function checkError(spec: RouteSpec, allowed: ReadonlySet<ErrorCode>, error: unknown): unknown {
  if (!(error instanceof AppError) || allowed.has(error.code)) return error;
  return new ContractViolation(
    `${spec.method} ${spec.path} answered error "${error.code}", which its contract does not declare`,
  );
}

function checkResponse(spec: RouteSpec, body: unknown): void {
  if (!spec.response) return;
  const result = spec.response.safeParse(body);
  if (result.success) return;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ContractViolation(
    `${spec.method} ${spec.path} answered outside its contract:\n  ${problems.slice(0, 10).join('\n  ')}`,
  );
}

/**
 * Mounts a feature's routes from its contract table: for each route, the guard its access names, then
 * the parsing of parameters (a malformed one is a 404: it names nothing), query and body (400 naming
 * each bad field), then the handler, whose answer is sent with the declared status.
 */
export function mountRoutes<T extends RouteTable>(
  router: Router,
  table: T,
  handlers: RouteHandlers<T>,
  kit: MountKit,
): void {
  for (const [name, spec] of Object.entries(table)) {
    const handler = handlers[name] as RouteHandler<RouteSpec> | undefined;
    if (!handler) throw new Error(`no handler for route "${name}" (${spec.method} ${spec.path})`);
    const allowed = declaredErrors(spec);
    const run = async (req: Request, res: Response, next: NextFunction) => {
      try {
        let params: unknown = {};
        if (spec.params) {
          const parsed = spec.params.safeParse(req.params);
          // A parameter of the wrong shape names nothing here: let a later route (or the 404) answer.
          if (!parsed.success) return next('route');
          params = parsed.data;
        }
        const input = {
          params,
          query: spec.query ? parseInput(spec.query, req.query) : undefined,
          body: spec.upload
            ? Buffer.isBuffer(req.body)
              ? req.body
              : Buffer.alloc(0)
            : spec.body && parseInput(spec.body, req.body),
          member: req.user,
          req,
          res,
        } as RouteInput<RouteSpec>;
        const result = await handler(input);
        if (res.headersSent) return;
        const answer = answerOf(result);
        const status = answer.status ?? spec.status ?? 200;
        const body = answer.body;
        if (kit.checkContract && status !== (spec.status ?? 200) && status !== spec.repeatStatus) {
          throw new ContractViolation(
            `${spec.method} ${spec.path} answered ${status}, which it does not declare`,
          );
        }
        if (kit.checkContract) checkResponse(spec, body);
        if (spec.response === null || status === 204) res.status(status).end();
        else res.status(status).json(body);
      } catch (error) {
        next(kit.checkContract ? checkError(spec, allowed, error) : error);
      }
    };
    router[methodOf(spec)](spec.path, ...guardsOf(spec, kit), ...uploadParsers(spec), run);
  }
}
