import { queryOptions } from '@tanstack/react-query';
import type { SessionResponse } from '@shared/api/session';
import { i18n } from '@client/i18n/i18n';
import { queryClient } from './queryClient';
import { send } from './transport';

/** Cache key of the session. */
export const SESSION_KEY = ['session'] as const;

/** Fetches the session and switches the interface to the language the server chose. */
async function fetchSession(): Promise<SessionResponse> {
  const session = await send<SessionResponse>('GET', '/session');
  // Switched before the data reaches components, so no page renders in the previous language.
  if (i18n.language !== session.locale) await i18n.changeLanguage(session.locale);
  return session;
}

/** `GET /api/v1/session`: who is signed in, the CSRF token and the language. */
export const sessionQuery = queryOptions({ queryKey: SESSION_KEY, queryFn: fetchSession });

/** Fetches the session again now, bypassing the cache (after sign-in, sign-out, language changes). */
export function refreshSession(): Promise<SessionResponse> {
  return queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
}
