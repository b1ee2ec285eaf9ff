import { queryOptions } from '@tanstack/react-query';
import { authApi } from '@shared/api/auth';
import { fillPath } from '@shared/contract';
import type { SessionResponse } from '@shared/api/session';
import { changeLanguage } from '@client/i18n/i18n';
import { queryClient } from './queryClient';
import { queryKeys } from './queryKeys';
import { send } from './transport';

/**
 * Cache key of the session: `queryKeys.session`, under the name `call.ts` and `request.ts` (shared by every
 * feature) read the CSRF token with.
 */
export const SESSION_KEY = queryKeys.session;

/**
 * Fetches the session and switches the interface to the language the server chose. Sent without
 * `call`: `apiRequest` reads the CSRF token from this very query.
 */
async function fetchSession(): Promise<SessionResponse> {
  const spec = authApi.session;
  const session = await send<SessionResponse>(spec.method, fillPath(spec.path, undefined));
  // Switched before the data reaches components, so no page renders in the previous language.
  await changeLanguage(session.locale);
  return session;
}

/** `GET /api/v1/session`: who is signed in, the CSRF token and the language. */
export const sessionQuery = queryOptions({ queryKey: queryKeys.session, queryFn: fetchSession });

/** Fetches the session again now, bypassing the cache (after sign-in, sign-out, language changes). */
export function refreshSession(): Promise<SessionResponse> {
  return queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
}
