import { ApiError } from './errors';
import { queryClient } from './queryClient';
import { SESSION_KEY, refreshSession } from './session';
import type { SessionResponse } from '@shared/api/session';
import { send, type Method } from './transport';

/**
 * The CSRF token of the cached session, fetching the session when there is none yet. A page rendered
 * for visitors (and cached for all of them) carries no token: the first write fetches this browser's.
 */
async function csrfToken(): Promise<string> {
  const cached = queryClient.getQueryData<SessionResponse>(SESSION_KEY)?.csrfToken;
  return cached || (await refreshSession()).csrfToken;
}

/**
 * Calls the API. State-changing requests carry the session's CSRF token; when the server says the token
 * is stale (it rotates at sign-in and sign-out, possibly in another tab) the session is fetched again and
 * the request retried once.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  if (method === 'GET') return send<T>(method, path);
  try {
    return await send<T>(method, path, { body, csrfToken: await csrfToken() });
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'csrf_invalid')) throw error;
    const session = await refreshSession();
    return send<T>(method, path, { body, csrfToken: session.csrfToken });
  }
}
