import { z } from './zod';
import type { ErrorCode } from './errors';

/**
 * The API contract: every route under `/api/v1` is declared once, as data, in `shared/api/<feature>.ts`.
 * The server mounts its handlers from these declarations (parsing and validating the input, running the
 * guard, checking the answer), the OpenAPI document at `/api/v1/openapi.json` is generated from them, the
 * client's calls are typed by them and the authorization matrix enumerates them.
 */

/** HTTP methods of the API. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** An HTTP method of the API. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Who may call a route, checked before its handler runs (the service still decides about the target):
 * `public` anyone, visitors included; `member` a signed-in member (401 otherwise); `staff` a moderator or
 * an admin with a second factor enrolled (401 / 403 / 403 `second_factor_required`).
 */
export const ROUTE_ACCESS = ['public', 'member', 'staff'] as const;
/** Who may call a route. */
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

/**
 * Rate-limit classes a route's attempts count against (documented in the OpenAPI document as
 * `x-rate-limit`; the limits themselves are in `docs/security.md`).
 */
export type RateLimitClass =
  | 'sign-in'
  | 'registration'
  | 'account-email'
  | 'second-factor'
  | 'password-check'
  | 'preview'
  | 'posting'
  | 'messaging'
  | 'flags';

/** One route of the API, as data. */
export interface RouteSpec {
  method: HttpMethod;
  /** Relative to `/api/v1`, with Express-style parameters: `/threads/:id/posts`. */
  path: string;
  /** One line for the reference: what the route does. */
  summary: string;
  access: RouteAccess;
  /** Also needs a proof of identity from the last ten minutes (403 `reauthentication_required`). */
  freshProof?: true;
  /**
   * Publishes something others read (a thread, a reply, a message): with `REQUIRE_EMAIL_VERIFICATION`,
   * refused with 403 `email_not_verified` until the member's address is verified.
   */
  publishes?: true;
  /** Path parameters; a value of the wrong shape names nothing, so the route answers 404. */
  params?: z.ZodType<Record<string, string>>;
  query?: z.ZodType;
  /** A JSON body. */
  body?: z.ZodType;
  /** Instead of `body`: a file sent as the raw request body (see `RouteUpload`). */
  upload?: RouteUpload;
  /** The answer's body; `null` for 204 No Content. */
  response: z.ZodType | null;
  /** The success status: 200 unless stated (201 for creations, 202 for accepted work, 204 with no body). */
  status?: 200 | 201 | 202 | 204;
  /**
   * For an idempotent creation: the status of the answer when the request repeats one already done
   * (the same body, describing what exists; 200 where a creation answers 201).
   */
  repeatStatus?: 200;
  /** Codes of the errors the route may answer beyond those every route may (see `COMMON_ERRORS`). */
  errors?: readonly ErrorCode[];
  rateLimit?: RateLimitClass;
}

/**
 * A route whose request body is a file sent as is, not JSON: the client sends the file with its own
 * content type; the handler receives the bytes, or none when another content type was sent (the
 * content is checked by the service anyway). A larger body is refused with 413 `payload_too_large`.
 */
export interface RouteUpload {
  /** The content types whose bodies are read. */
  contentTypes: readonly string[];
  /** The largest body read, in bytes. */
  maxBytes: number;
}

/** Errors any route may answer: bad input, a missing or stale session, a refused write, an outage. */
export const COMMON_ERRORS = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'csrf_invalid',
  'payload_too_large',
  'rate_limited',
  'account_suspended',
  'account_pending',
  'second_factor_required',
  'reauthentication_required',
  'email_not_verified',
  'internal_error',
  'service_unavailable',
] as const satisfies readonly ErrorCode[];

/** Declares one route (an identity function that keeps the literal types the client infers from). */
export function route<const S extends RouteSpec>(spec: S): S {
  return spec;
}

/** A feature's routes, keyed by a name unique within the feature. */
export type RouteTable = Record<string, RouteSpec>;

/** A feature's table as the reference groups it: the tag names the feature. */
export interface DocumentedTable {
  tag: string;
  description: string;
  table: RouteTable;
}

/** The names of the `:parameters` of a path. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters a caller supplies. */
export type PathParams<S extends RouteSpec> = [PathParamNames<S['path']>] extends [never]
  ? undefined
  : Record<PathParamNames<S['path']>, string>;

/** The schema a route declares under `key`, or `undefined` when it declares none. */
type Declared<S extends RouteSpec, K extends 'params' | 'query' | 'body' | 'response'> = K extends keyof S
  ? S[K] extends z.ZodType
    ? S[K]
    : undefined
  : undefined;

/** What a caller sends as the query string (the schema's input). */
export type QueryOf<S extends RouteSpec> =
  Declared<S, 'query'> extends z.ZodType ? z.input<Declared<S, 'query'>> : undefined;
/** What a caller sends as the body (the schema's input, or the file of an upload). */
export type BodyOf<S extends RouteSpec> = S extends { upload: RouteUpload }
  ? Blob
  : Declared<S, 'body'> extends z.ZodType
    ? z.input<Declared<S, 'body'>>
    : undefined;
/** What the handler receives as the path parameters (the schema's output). */
export type ParsedParams<S extends RouteSpec> =
  Declared<S, 'params'> extends z.ZodType ? z.output<Declared<S, 'params'>> : Record<string, never>;
/** What the handler receives as the query (the schema's output, defaults applied). */
export type ParsedQuery<S extends RouteSpec> =
  Declared<S, 'query'> extends z.ZodType ? z.output<Declared<S, 'query'>> : undefined;
/** What the handler receives as the body (the schema's output). */
export type ParsedBody<S extends RouteSpec> =
  Declared<S, 'body'> extends z.ZodType ? z.output<Declared<S, 'body'>> : undefined;
/** What a route answers. */
export type ResponseOf<S extends RouteSpec> =
  Declared<S, 'response'> extends z.ZodType ? z.output<Declared<S, 'response'>> : undefined;

/** A route's path with its parameters filled in, each encoded. */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}

/** A query string (with its `?`) from a flat object, leaving out `undefined` and empty values. */
export function queryString(query: unknown): string {
  if (query === undefined || query === null) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
        search.append(key, String(item));
      } else {
        throw new Error(`query parameter "${key}" is not a string, number or boolean`);
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** An opaque id in a path: a UUID, any case (the database compares them as UUIDs). */
export const idParamSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((value) => value.toLowerCase());

/** The parameters of a path naming one thing by its id. */
export const idParams = z.object({ id: idParamSchema });

/** The error envelope every failed request answers with. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.object({ code: z.string(), message: z.string() })).optional(),
    /** For a server failure: the id to quote to the operators. */
    requestId: z.string().optional(),
    /** For 429 and slow mode: how long to wait (also in `Retry-After`). */
    retryAfterSeconds: z.number().int().optional(),
  }),
});
