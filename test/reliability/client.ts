import { CSRF_HEADER } from '@shared/constants';

/** What became of one request: an answer with its status, or none (the connection failed or timed out). */
export type Outcome =
  | { answered: true; status: number; body: unknown; retryAfter: string | null }
  | { answered: false; error: string; connectionRefused: boolean };

/** The error code under a failed `fetch` (undici wraps it in `cause`). */
function codeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'TimeoutError' || name === 'AbortError') return String(name);
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A browser-like client over `fetch`, which never retries on its own: it keeps its cookies across
 * server restarts (sessions live in the database), sends the CSRF token, and reports a request that got
 * no answer as such instead of throwing.
 */
export class LedgerClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(
    private baseUrl: string,
    /** The client's own address (`X-Forwarded-For`, trusted from loopback) for per-address limits. */
    readonly ip: string,
  ) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, no retry; `timeoutMs` without an answer counts as no answer. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 15_000,
    extraHeaders: Record<string, string> = {},
  ): Promise<Outcome> {
    const headers: Record<string, string> = {
      'X-Forwarded-For': this.ip,
      Accept: 'application/json',
      ...extraHeaders,
    };
    if (this.cookies.size) {
      headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (method !== 'GET' && this.csrfToken) headers[CSRF_HEADER] = this.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      this.remember(res);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: kept as text.
      }
      return { answered: true, status: res.status, body: parsed, retryAfter: res.headers.get('Retry-After') };
    } catch (error) {
      const code = codeOf(error);
      return { answered: false, error: code, connectionRefused: code === 'ECONNREFUSED' };
    }
  }

  /** `GET /api/v1/session`, remembering the CSRF token. */
  async session(): Promise<void> {
    const res = await this.request('GET', '/api/v1/session');
    if (!res.answered || res.status !== 200) throw new Error(`session: ${JSON.stringify(res)}`);
    this.csrfToken = (res.body as { csrfToken: string }).csrfToken;
  }

  /** A request that must succeed with one of `statuses` (set-up steps); returns the body. */
  async expect(method: string, path: string, body: unknown, statuses: number[]): Promise<unknown> {
    if (!this.csrfToken) await this.session();
    const res = await this.request(method, path, body);
    if (!res.answered || !statuses.includes(res.status)) {
      throw new Error(`${method} ${path}: ${JSON.stringify(res)}`);
    }
    return res.body;
  }
}
