import {
  fillPath,
  queryString,
  type BodyOf,
  type PathParams,
  type QueryOf,
  type ResponseOf,
  type RouteSpec,
} from '@shared/contract';
import type { SessionResponse } from '@shared/api/session';
import { CSRF_HEADER } from '@shared/constants';
import { ApiError, isErrorEnvelope } from './errors';
import { queryClient } from './queryClient';
import { apiRequest } from './request';
import { SESSION_KEY, refreshSession } from './session';

/** What a call of one route takes: its path parameters, query and body, each typed by the contract. */
export type CallInput<S extends RouteSpec> = (PathParams<S> extends undefined
  ? { params?: undefined }
  : { params: PathParams<S> }) &
  (QueryOf<S> extends undefined
    ? { query?: undefined }
    : object extends QueryOf<S>
      ? { query?: QueryOf<S> }
      : { query: QueryOf<S> }) &
  (BodyOf<S> extends undefined ? { body?: undefined } : { body: BodyOf<S> });

/** The arguments of `call`: the input may be left out when the route needs none. */
export type CallArgs<S extends RouteSpec> =
  object extends CallInput<S> ? [input?: CallInput<S>] : [input: CallInput<S>];

/**
 * Calls one route of the contract: the path, its parameters, the query, the body and the result are all
 * typed by the route's declaration in `shared/api/`, so no path is written by hand and a renamed field
 * is a type error where it is read.
 */
export function call<S extends RouteSpec>(spec: S, ...[input]: CallArgs<S>): Promise<ResponseOf<S>> {
  const { params, query, body } = (input ?? {}) as {
    params?: Record<string, string>;
    query?: unknown;
    body?: unknown;
  };
  const path = `${fillPath(spec.path, params)}${queryString(query)}`;
  if (spec.upload) return upload<ResponseOf<S>>(spec.method, path, body as Blob);
  return apiRequest<ResponseOf<S>>(spec.method, path, body);
}

/** Sends a file as the raw body of an upload route, with its own content type and the CSRF token. */
async function upload<T>(method: RouteSpec['method'], path: string, file: Blob): Promise<T> {
  const session = queryClient.getQueryData<SessionResponse>(SESSION_KEY) ?? (await refreshSession());
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Content-Type': file.type || 'application/octet-stream',
      [CSRF_HEADER]: session.csrfToken,
    },
    body: file,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  if (isErrorEnvelope(body)) throw new ApiError(response.status, body.error);
  throw new ApiError(response.status, { code: 'network', message: response.statusText });
}
