import type { Request } from 'express';
import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';
import type { Config, OidcProviderConfig } from '@server/config';
import { AppError, notFound } from '@server/errors';
import type { Logger } from '@server/logger';
import type { ErrorCode } from '@shared/errors';
import type { OidcClaims } from './identity.service';
import type { AgoraPassport } from './passport';

const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * The strategy of `openid-client/passport`, which uses PKCE (S256) but sends `state` and `nonce` only
 * when the provider lacks PKCE. Ágora always sends both: `state` binds the callback to this browser's
 * session, `nonce` binds the ID token to this request. Both are kept in the session and checked there.
 */
class AgoraOidcStrategy extends Strategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(
    req: Request,
    options: T,
  ): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    // A re-authentication must be a new sign-in at the provider, not its remembered session.
    if (req.session.reauthIntent && req.user) params.set('prompt', 'login');
    return params;
  }
}

/** What the verify step receives from a successful code exchange. */
type VerifyTokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/**
 * Called with the claims of a callback (the verified ID token's, completed from UserInfo); resolves
 * with the member to sign in (or link).
 */
export type OidcVerify = (
  req: Request,
  provider: OidcProviderConfig,
  claims: OidcClaims,
) => Promise<Express.User>;

/**
 * Whether the ID token lacks a claim Ágora needs: the e-mail, a name, or the configured assurance
 * claim. OpenID Connect lets a provider send these only from its UserInfo endpoint, and many do
 * (oidc-provider by default, government providers that return identity data from UserInfo).
 */
function lacksClaims(provider: OidcProviderConfig, claims: OidcClaims): boolean {
  const named = ['name', 'given_name', 'family_name'].some((claim) => claims[claim] !== undefined);
  const assurance = provider.verifiedAssurance?.claim;
  return claims.email === undefined || !named || (assurance !== undefined && claims[assurance] === undefined);
}

/**
 * The claims of a callback: the verified ID token's, completed from the UserInfo endpoint (by GET, or
 * POST when the provider is configured so) when it lacks one. The UserInfo answer must be about the ID
 * token's subject; where both carry a claim, the signed ID token's value is kept.
 */
async function claimsOf(
  configuration: client.Configuration,
  provider: OidcProviderConfig,
  tokens: VerifyTokens,
): Promise<OidcClaims> {
  const idToken = tokens.claims();
  if (!idToken?.sub) throw new AppError(400, 'oidc_token_invalid');
  const claims: OidcClaims = { ...idToken, sub: idToken.sub };
  if (!lacksClaims(provider, claims) || !configuration.serverMetadata().userinfo_endpoint) return claims;
  const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
  return { ...userInfo, ...claims };
}

/**
 * Sends the UserInfo request by POST (with the access token still in the Authorization header, as
 * OpenID Connect Core 5.3.1 allows) for providers that answer only that, such as ClaveÚnica.
 * `fetchUserInfo` itself always uses GET; every other request is left as it is.
 */
function postUserInfo(configuration: client.Configuration): void {
  const endpoint = configuration.serverMetadata().userinfo_endpoint;
  configuration[client.customFetch] = (url, options) => {
    // The library's body type admits views of shared memory, which the DOM typing of fetch() does not.
    const init: RequestInit = { ...options, body: options.body as BodyInit | undefined };
    if (url === endpoint && options.method === 'GET') init.method = 'POST';
    return fetch(url, init);
  };
}

/** Passport strategy name of a provider. */
export const strategyName = (providerId: string) => `oidc:${providerId}`;

/** The callback URL registered with the provider. */
export const callbackUrl = (config: Config, providerId: string) =>
  `${config.baseUrl}/auth/oidc/${encodeURIComponent(providerId)}/callback`;

/**
 * One Passport strategy per configured provider, built from the provider's discovery document on first
 * use (and retried on the next use when the provider could not be reached), so a provider that is down
 * at start-up does not stop Ágora from starting.
 */
export function createOidc(config: Config, passport: AgoraPassport, logger: Logger, verify: OidcVerify) {
  const ready = new Map<string, Promise<void>>();

  const discover = async (provider: OidcProviderConfig): Promise<void> => {
    const insecure = new URL(provider.issuer).protocol === 'http:';
    const configuration = await client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      provider.clientSecret,
      client.ClientSecretBasic(provider.clientSecret),
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: DISCOVERY_TIMEOUT_SECONDS },
    );
    // Over TLS the specification lets a client skip the ID token's signature; Ágora checks it anyway
    // (against the provider's published keys), so a token altered anywhere on its way is refused.
    client.enableNonRepudiationChecks(configuration);
    if (provider.userInfoMethod === 'POST') postUserInfo(configuration);
    const strategy = new AgoraOidcStrategy(
      {
        config: configuration,
        name: strategyName(provider.id),
        sessionKey: strategyName(provider.id),
        callbackURL: callbackUrl(config, provider.id),
        scope: (provider.scopes ?? ['openid', 'email', 'profile']).join(' '),
        passReqToCallback: true,
      },
      (req, tokens, done) => {
        claimsOf(configuration, provider, tokens)
          .then((claims) => verify(req, provider, claims))
          .then(
            (member) => void done(null, member),
            (error: unknown) => void done(error),
          );
      },
    );
    passport.use(strategyName(provider.id), strategy);
  };

  return {
    /** The configured provider with this id, or 404. */
    provider(id: string): OidcProviderConfig {
      const provider = config.oidcProviders.find((candidate) => candidate.id === id);
      if (!provider) throw notFound();
      return provider;
    },

    /** Makes sure the provider's strategy exists, discovering the provider if needed. */
    async prepare(provider: OidcProviderConfig): Promise<string> {
      let pending = ready.get(provider.id);
      if (!pending) {
        pending = discover(provider);
        ready.set(provider.id, pending);
      }
      try {
        await pending;
      } catch (error) {
        ready.delete(provider.id);
        logger.warn({ err: error, provider: provider.id }, 'OpenID provider discovery failed');
        throw new AppError(502, 'oidc_provider_unreachable');
      }
      return strategyName(provider.id);
    },

    /** Discovers every provider in the background at start-up, so the first sign-in need not wait. */
    warmUp(): void {
      for (const provider of config.oidcProviders) void this.prepare(provider).catch(() => undefined);
    },
  };
}

/** The OpenID Connect strategies. */
export type Oidc = ReturnType<typeof createOidc>;

function isNetworkError(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch() rejects with a TypeError when it cannot connect
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true;
  return false;
}

/** Maps what went wrong in a callback onto the localized message the member sees. */
export function oidcErrorCode(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  if (isNetworkError(error)) return 'oidc_provider_unreachable';
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied' ? 'oidc_denied' : 'oidc_callback_invalid';
  }
  if (error instanceof client.ResponseBodyError) return 'oidc_callback_invalid';
  // The UserInfo endpoint refused the access token (expired or revoked meanwhile).
  if (error instanceof client.WWWAuthenticateChallengeError) return 'oidc_callback_invalid';
  if (error instanceof client.ClientError) {
    // A UserInfo answer about another subject than the ID token's is refused like a forged token.
    if (error.code && /JWT|KEY_SELECTION|JSON_ATTRIBUTE_COMPARISON/.test(error.code)) {
      return 'oidc_token_invalid';
    }
    const detail = error.cause instanceof Error ? error.cause.message : '';
    if (/JWT|signature|ID Token/i.test(detail)) return 'oidc_token_invalid';
    if (isNetworkError(error.cause)) return 'oidc_provider_unreachable';
    return 'oidc_callback_invalid';
  }
  return 'internal_error';
}
