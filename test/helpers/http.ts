import supertest from 'supertest';
import type { Response } from 'supertest';
import { CSRF_HEADER } from '@shared/constants';
import type { SessionResponse } from '@shared/api/session';
import { checkAgainstDocument } from './openapi-check';

let ipCounter = 0;

/**
 * A distinct client address per test client (sent as `X-Forwarded-For`, trusted from loopback), so
 * that rate limits counted per address in one test do not leak into another.
 */
export function uniqueIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

/** A browser-like API client: keeps cookies, fetches and sends the CSRF token, has its own address. */
export class ApiClient {
  readonly agent: ReturnType<typeof supertest.agent>;
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly ip = uniqueIp(),
    readonly acceptLanguage?: string,
  ) {
    this.agent = supertest.agent(baseUrl);
  }

  private decorate<T extends supertest.Test>(test: T): T {
    const { method, url } = test as unknown as { method: string; url: string };
    void test.expect((res: Response) => {
      const mismatch = checkAgainstDocument(method, url, res);
      if (mismatch) throw mismatch;
    });
    void test.set('X-Forwarded-For', this.ip);
    if (this.acceptLanguage) void test.set('Accept-Language', this.acceptLanguage);
    return test;
  }

  /** `GET /api/v1/session`, remembering the CSRF token. */
  async session(): Promise<SessionResponse> {
    const res = await this.get('/api/v1/session').expect(200);
    const body = res.body as SessionResponse;
    this.csrfToken = body.csrfToken;
    return body;
  }

  /** A GET request. */
  get(path: string): supertest.Test {
    return this.decorate(this.agent.get(path));
  }

  /** A state-changing request carrying the CSRF token (fetched first when missing). */
  async send(method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<Response> {
    if (!this.csrfToken) await this.session();
    const test = this.decorate(this.agent[method](path)).set(CSRF_HEADER, this.csrfToken ?? '');
    return body === undefined ? test : test.send(body as object);
  }

  /** Signs in and refreshes the CSRF token (rotated at sign-in). */
  async signIn(email: string, password: string): Promise<Response> {
    const res = await this.send('post', '/api/v1/auth/login', { email, password });
    await this.session();
    return res;
  }
}
