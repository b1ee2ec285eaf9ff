import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { PATHS } from '@shared/routes';
import type { ErrorCode } from '@shared/errors';
import { AppError } from '@server/errors';
import type { Logger } from '@server/logger';
import type { MemberRow } from '@server/members';
import type { IdentityService } from './identity.service';
import type { AgoraPassport } from './passport';
import { oidcErrorCode, type Oidc, type OidcVerify } from './oidc';
import { settle } from './session-ops';
import type { SignIn } from './sign-in';

/** Callbacks that linked a provider to the signed-in member (rather than signing in). */
const linkedRequests = new WeakSet<Request>();

/** Callbacks that re-authenticated the signed-in member, and the page each goes back to. */
const reauthRequests = new WeakMap<Request, string>();

/**
 * What a verified callback's claims lead to: linking, when the signed-in member asked for it in this
 * session (a POST with a CSRF token), else signing in as the linked member or signing up from the claims.
 */
export function oidcVerify(identities: IdentityService): OidcVerify {
  return async (req, provider, claims) => {
    const reauth = req.session.reauthIntent;
    delete req.session.reauthIntent;
    if (
      req.user &&
      reauth &&
      reauth.memberId === req.user.id &&
      reauth.provider === provider.id &&
      reauth.expiresAt > Date.now()
    ) {
      // Only the member's own provider account proves it is them; the second factor may follow.
      if (!(await identities.isLinkedTo(req.user, provider, claims))) {
        throw new AppError(403, 'reauthentication_mismatch');
      }
      req.session.providerReauthAt = Date.now();
      reauthRequests.set(req, reauth.returnTo);
      return req.user;
    }
    const intent = req.session.linkIntent;
    delete req.session.linkIntent;
    if (
      req.user &&
      intent &&
      intent.memberId === req.user.id &&
      intent.provider === provider.id &&
      intent.expiresAt > Date.now()
    ) {
      await identities.link(req.user, provider, claims);
      linkedRequests.add(req);
      return req.user;
    }
    return identities.signIn(provider, claims, req.locale);
  };
}

interface OidcRoutesDeps {
  oidc: Oidc;
  passport: AgoraPassport;
  signIn: SignIn;
  logger: Logger;
}

/**
 * `GET /auth/oidc/:provider` sends the browser to the provider (a full-page redirect);
 * `GET /auth/oidc/:provider/callback` verifies its answer and signs in (or links, when the signed-in
 * member asked for it). Every failure comes back to the page it started from with a localized message
 * and leaves nothing behind: no account, no session.
 */
export function oidcRoutes(deps: OidcRoutesDeps): Router {
  const router = Router();

  const fail = async (req: Request, res: Response, error: unknown) => {
    const code: ErrorCode = oidcErrorCode(error);
    if (code === 'internal_error') deps.logger.error({ err: error, reqId: req.id }, 'OpenID sign-in failed');
    else deps.logger.info({ code, reqId: req.id, err: error }, 'OpenID sign-in refused');
    const signedIn = Boolean(req.user);
    // A visitor's session existed only to hold state, nonce and PKCE verifier: it goes too.
    if (signedIn) delete req.session.linkIntent;
    else await settle((done) => req.session.destroy(done)).catch(() => undefined);
    res.redirect(303, `${signedIn ? PATHS.security : PATHS.signIn}?error=${encodeURIComponent(code)}`);
  };

  const run = (
    req: Request,
    res: Response,
    next: NextFunction,
    onMember: (member: MemberRow) => Promise<void>,
  ) => {
    const failed = (error: unknown) => void fail(req, res, error).catch(next);
    (async () => {
      const name = await deps.oidc.prepare(deps.oidc.provider(String(req.params.provider)));
      const authenticate = deps.passport.authenticate(
        name,
        { session: false },
        (error: unknown, member: MemberRow | false) => {
          if (error) return failed(error);
          // No member without an error: the provider said no, or no request of this session awaits an answer.
          if (!member)
            return failed(
              new AppError(
                400,
                req.query.error === 'access_denied' ? 'oidc_denied' : 'oidc_callback_invalid',
              ),
            );
          onMember(member).catch(failed);
        },
      ) as RequestHandler;
      await authenticate(req, res, next);
    })().catch(failed);
  };

  router.get('/:provider', (req, res, next) => {
    run(req, res, next, () => Promise.reject(new Error('the authorization step returned a member')));
  });

  router.get('/:provider/callback', (req, res, next) => {
    run(req, res, next, async (member) => {
      const returnTo = reauthRequests.get(req);
      if (returnTo)
        return res.redirect(303, `${returnTo}?reauth=${encodeURIComponent(String(req.params.provider))}`);
      if (linkedRequests.has(req)) {
        return res.redirect(
          303,
          `${PATHS.security}?linked=${encodeURIComponent(String(req.params.provider))}`,
        );
      }
      const outcome = await deps.signIn.afterFirstFactor(req, res, member);
      if (outcome === 'pending') return res.redirect(303, PATHS.signIn);
      // Staff without a second factor enrol first, as after a password (their staff tools wait for it).
      if (outcome === 'enrol') return res.redirect(303, PATHS.security);
      res.redirect(303, member.profileCompletedAt ? PATHS.home : PATHS.welcome);
    });
  });

  return router;
}
