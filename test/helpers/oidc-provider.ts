import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import Provider, { type Configuration } from 'oidc-provider';
import { memoryAdapterFactory } from './oidc-adapter';

/**
 * How the provider's answers are tampered with, to test refusals: the ID token of the token endpoint's
 * answer, or (`userinfo_subject`) the subject of the UserInfo answer; null passes them unchanged.
 */
export type Tamper = 'audience' | 'issuer' | 'expired' | 'nonce' | 'signature' | 'userinfo_subject' | null;

/** How the test provider hands out claims. */
export interface TestProviderOptions {
  /**
   * Puts the e-mail and profile claims in the ID token as well (`conformIdTokenClaims: false`). By
   * default the provider keeps oidc-provider's conforming setting: the ID token carries `sub` only and
   * the scopes' claims come from the UserInfo endpoint, as many providers do.
   */
  claimsInIdToken?: boolean;
}

/** A real OpenID provider (`oidc-provider`) on loopback, behind a front that can tamper or go down. */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  tamper: Tamper;
  /** The account claims handed out for a login name (the login is the subject). */
  accounts: Map<string, Record<string, unknown>>;
  /** The HTTP method of every request the UserInfo endpoint received, in order. */
  userInfoRequests: string[];
  /** Stops answering (connection refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const KID = 'test-key-1';

function rsaKey() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signJwt(payload: Record<string, unknown>, key: KeyObject): string {
  const head = `${b64({ alg: 'RS256', kid: KID, typ: 'JWT' })}.${b64(payload)}`;
  const signature = createSign('RSA-SHA256').update(head).sign(key).toString('base64url');
  return `${head}.${signature}`;
}

/**
 * oidc-provider announces, on the console, each development-only setting it runs with. The one this
 * test provider keeps on purpose — its built-in login and consent pages, which the browser tests fill
 * in — is written only with `TEST_LOG_LEVEL=debug`; any other announcement still reaches the console.
 */
const EXPECTED_NOTICES = [/^oidc-provider WARNING: a quick start development-only feature devInteractions/];

function constructQuietly(issuer: string, configuration: Configuration): Provider {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const [first] = args;
    const expected = typeof first === 'string' && EXPECTED_NOTICES.some((notice) => notice.test(first));
    if (!expected || process.env.TEST_LOG_LEVEL === 'debug') warn(...args);
  };
  try {
    return new Provider(issuer, configuration);
  } finally {
    console.warn = warn;
  }
}

/** Picks a free loopback port. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the provider for an Ágora at `appBaseUrl` whose provider id is `providerId`. PKCE with S256 is
 * required of every client, as gov.br Login Único requires it.
 */
export async function startTestProvider(
  appBaseUrl: string,
  providerId: string,
  options: TestProviderOptions = {},
): Promise<TestProvider> {
  const signing = rsaKey();
  const rogue = rsaKey();
  const frontPort = await freePort();
  const issuer = `http://127.0.0.1:${frontPort}`;
  const clientId = 'agora-test';
  const clientSecret = 'a-client-secret-for-tests-only';
  const accounts = new Map<string, Record<string, unknown>>();
  const userInfoRequests: string[] = [];
  const privateJwk = { ...signing.privateKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };

  const provider = constructQuietly(issuer, {
    adapter: memoryAdapterFactory(),
    // Set explicitly (in seconds), rather than through the defaults oidc-provider asks to replace.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appBaseUrl}/auth/oidc/${providerId}/callback`],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true, methods: ['S256'] },
    jwks: { keys: [privateJwk] },
    cookies: { keys: ['a-cookie-key-for-tests-only'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'locale', 'assurance_level'],
    },
    conformIdTokenClaims: options.claimsInIdToken !== true,
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        ...(accounts.get(id) ?? { email: `${id}@idp.example.org`, email_verified: true }),
      }),
    }),
  });
  provider.on('server_error', (_ctx, error) => {
    console.error('test OpenID provider: server error', error);
  });
  const upstream = http.createServer(provider.callback());
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;

  const state: { tamper: Tamper } = { tamper: null };
  const rewriteUserInfo = (body: string): string => {
    if (state.tamper !== 'userinfo_subject') return body;
    return JSON.stringify({ ...(JSON.parse(body) as object), sub: 'somebody-else' });
  };
  const rewrite = (body: string): string => {
    const parsed = JSON.parse(body) as { id_token?: string };
    if (!state.tamper || state.tamper === 'userinfo_subject' || !parsed.id_token) return body;
    const payload = JSON.parse(
      Buffer.from(parsed.id_token.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (state.tamper === 'audience') payload.aud = 'another-client';
    if (state.tamper === 'issuer') payload.iss = 'https://impostor.example.org';
    if (state.tamper === 'expired') Object.assign(payload, { iat: now - 7200, exp: now - 3600 });
    if (state.tamper === 'nonce') payload.nonce = 'a-nonce-from-another-request';
    const key = state.tamper === 'signature' ? rogue.privateKey : signing.privateKey;
    return JSON.stringify({ ...parsed, id_token: signJwt(payload, key) });
  };

  const front = http.createServer((req, res) => {
    const isUserInfo = req.url === '/me' || req.url?.startsWith('/me?') === true;
    if (isUserInfo) userInfoRequests.push(req.method ?? '');
    const forward = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const isToken = req.method === 'POST' && req.url?.startsWith('/token') && answer.statusCode === 200;
        const ok = answer.statusCode === 200;
        if (!(isToken || (isUserInfo && ok))) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const body = isToken ? rewrite(text) : rewriteUserInfo(text);
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          res.writeHead(200, headers);
          res.end(body);
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const listen = () => new Promise<void>((resolve) => front.listen(frontPort, '127.0.0.1', resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      front.close(() => resolve());
      front.closeAllConnections();
    });
  await listen();

  return {
    issuer,
    clientId,
    clientSecret,
    get tamper() {
      return state.tamper;
    },
    set tamper(value: Tamper) {
      state.tamper = value;
    },
    accounts,
    userInfoRequests,
    down: stop,
    up: listen,
    async close() {
      if (front.listening) await stop();
      await new Promise<void>((resolve) => {
        upstream.close(() => resolve());
        upstream.closeAllConnections();
      });
    },
  };
}

/** `OIDC_PROVIDERS` for an app using the test provider, with `extra` settings of the entry. */
export function providersEnv(
  provider: TestProvider,
  id: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify([
    {
      id,
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      scopes: ['openid', 'email', 'profile'],
      name: {
        es: 'Proveedor de prueba',
        pt: 'Provedor de teste',
        en: 'Test provider',
        fr: 'Fournisseur de test',
      },
      verifiedAssurance: { claim: 'assurance_level', values: ['high'] },
      ...extra,
    },
  ]);
}
