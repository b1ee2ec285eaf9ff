import type { Locale } from './constants';

/** The id of the JSON script element that carries a rendered page's `ServerState`. */
export const SERVER_STATE_ID = 'agora-state';

/** A read's failure as the server renderer hands it to the browser. */
export interface ServerQueryError {
  status: number;
  code: string;
  message: string;
}

/**
 * What a server-rendered page carries for the browser to hydrate with: the language it was rendered in
 * and the contract reads it showed (TanStack Query's dehydrated cache), so the first render in the
 * browser is the server's, and asks the server nothing again.
 */
export interface ServerState {
  locale: Locale;
  /** TanStack Query's `DehydratedState`; failed reads carry a `ServerQueryError`. */
  queries: unknown;
}
