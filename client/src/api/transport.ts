import { CSRF_HEADER } from '@shared/constants';
import { i18n } from '@client/i18n/i18n';
import { ApiError, isErrorEnvelope } from './errors';

/** HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Options of one request. */
export interface SendOptions {
  body?: unknown;
  csrfToken?: string;
}

const API_BASE = '/api/v1';

/** Reads a response body as JSON, or `undefined` when it has none or is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Sends one request to the API with the session cookie and returns its JSON body, or throws an
 * `ApiError` with the server's envelope (or a localized `network` error when the server is unreachable).
 */
export async function send<T>(method: Method, path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrfToken) headers[CSRF_HEADER] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: i18n.t('errors:network') });
  }
  const body = await readJson(response);
  if (response.ok) return body as T;
  if (isErrorEnvelope(body)) throw new ApiError(response.status, body.error);
  // A proxy or gateway answered instead of Ágora (HTML error page, timeout): the server is out of reach.
  throw new ApiError(response.status, { code: 'network', message: i18n.t('errors:network') });
}
