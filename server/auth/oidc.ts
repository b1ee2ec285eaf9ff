import type { Request } from 'express';
import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';
import type { Config, OidcProviderConfig } from '@server/config';
import { AppError, notFound } from '@server/errors';
import type { Logger } from '@server/logger';
import type { ErrorCode } from '@shared/errors';
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
export type VerifyTokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/** Called with the verified ID token of a callback; resolves with the member to sign in (or link). */
export type OidcVerify = (
  req: Request,
  provider: OidcProviderConfig,
  tokens: VerifyTokens,
) => Promise<Express.User>;

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
        verify(req, provider, tokens).then(
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
  if (error instanceof client.ClientError) {
    if (error.code && /JWT|KEY_SELECTION/.test(error.code)) return 'oidc_token_invalid';
    const detail = error.cause instanceof Error ? error.cause.message : '';
    if (/JWT|signature|ID Token/i.test(detail)) return 'oidc_token_invalid';
    if (isNetworkError(error.cause)) return 'oidc_provider_unreachable';
    return 'oidc_callback_invalid';
  }
  return 'internal_error';
}
