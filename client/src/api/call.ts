import {
  fillPath,
  queryString,
  type BodyOf,
  type PathParams,
  type QueryOf,
  type ResponseOf,
  type RouteSpec,
} from '@shared/contract';
import { apiRequest } from './request';

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
  return apiRequest<ResponseOf<S>>(spec.method, `${fillPath(spec.path, params)}${queryString(query)}`, body);
}
