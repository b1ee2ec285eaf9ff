import type { QueryKey } from '@tanstack/react-query';
import type { ResponseOf, RouteSpec } from '@shared/contract';
import { call, type CallInput } from './call';

/** The input of a read: path parameters and query, as the route declares them. */
interface ReadInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
}

/**
 * One read of the contract under one cache key: what a page shows. The browser fetches it with `call`;
 * the server renderer answers the same route in-process and hands the result over with the page, so the
 * key, the route and its input are written once and cannot drift apart. `T` is the route's answer.
 */
export interface ContractQuery<T = unknown> {
  queryKey: QueryKey;
  spec: RouteSpec;
  input: ReadInput;
  /** A list read page by page: the cache holds `{ pages, pageParams }`, starting at `input.query.cursor`. */
  paged: boolean;
  /** Carries the answer's type only. */
  readonly answer?: T;
}

/** A read of one route, cached under `queryKey`. */
export function contractQuery<S extends RouteSpec>(
  queryKey: QueryKey,
  spec: S,
  input: CallInput<S>,
  paged = false,
): ContractQuery<ResponseOf<S>> {
  return { queryKey, spec, input: input as ReadInput, paged };
}

/** The first page's cursor of a paged query (from the page's address), if any. */
export function startCursor(query: ContractQuery): string | undefined {
  const cursor = query.input.query?.cursor;
  return typeof cursor === 'string' && cursor ? cursor : undefined;
}

const send = <T>(query: ContractQuery<T>, input: ReadInput) =>
  (call as (spec: RouteSpec, input: ReadInput) => Promise<T>)(query.spec, input);

/** `useQuery` options of a contract read. */
export function queryOptionsOf<T>(query: ContractQuery<T>) {
  return { queryKey: query.queryKey, queryFn: () => send(query, query.input) };
}

/** `useInfiniteQuery` options of a paged contract read: each next page from the last one's `nextCursor`. */
export function pagedOptionsOf<T extends { nextCursor: string | null }>(query: ContractQuery<T>) {
  return {
    queryKey: query.queryKey,
    queryFn: ({ pageParam }: { pageParam: string | undefined }) =>
      send(query, { ...query.input, query: { ...query.input.query, cursor: pageParam } }),
    initialPageParam: startCursor(query),
    getNextPageParam: (last: T) => last.nextCursor ?? undefined,
  };
}
