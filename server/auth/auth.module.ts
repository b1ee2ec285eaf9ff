import express, { type RequestHandler } from 'express';
import { accountEmailApi, authApi } from '@shared/api/auth';
import { identityApi, reauthenticationApi, securityApi } from '@shared/api/security';
import type { Config } from '@server/config';
import type { Logger } from '@server/logger';
import type { Csrf } from '@server/http/csrf';
import { localeMiddleware } from '@server/http/locale';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { PublishEvent } from '@server/events';
import type { BackgroundTasks } from '@server/ops/background';
import type { MemberService } from '@server/members';
import type { ProfileService } from '@server/directory';
import type { AuthService } from './auth.service';
import type { AgoraPassport } from './passport';
import type { SignIn } from './sign-in';
import type { TwoFactorService } from './two-factor.service';
import type { SessionService } from './sessions.service';
import type { ReauthService } from './reauth.service';
import type { IdentityService } from './identity.service';
import type { Oidc } from './oidc';
import type { AccountEmailService } from './account-email.service';
import type { AuthLimits } from './rate-limits';
import type { KnownDevices } from './known-device';
import { authHandlers } from './auth.routes';
import { accountEmailHandlers } from './account-email.routes';
import { securityHandlers } from './security.routes';
import { reauthenticationHandlers } from './reauth.routes';
import { identityHandlers } from './identity.routes';
import { oidcRoutes } from './oidc.routes';
import { sessionUserPresenter } from './session-user';
import { identityData } from './identity.data';

/** What the accounts feature's routes are built from. */
export interface AuthModuleDeps {
  config: Config;
  logger: Logger;
  csrf: Csrf;
  passport: AgoraPassport;
  /** The session cookie's middleware, for the provider redirects outside the API. */
  sessionMiddleware: RequestHandler;
  broadcaster: Broadcaster;
  publish: PublishEvent;
  background: BackgroundTasks;
  members: MemberService;
  profiles: Pick<ProfileService, 'complete'>;
  auth: AuthService;
  signIn: SignIn;
  twoFactor: TwoFactorService;
  sessions: SessionService;
  reauth: ReauthService;
  identities: IdentityService;
  oidc: Oidc;
  accountEmails: AccountEmailService;
  authLimits: AuthLimits;
  devices: KnownDevices;
}

/**
 * Accounts: the session, sign-in and registration, account e-mails, security settings, proofs of
 * identity and linked providers; the provider redirects under /auth/oidc; and, with
 * `REQUIRE_EMAIL_VERIFICATION`, the check that keeps unverified members from publishing.
 */
export function authModule(deps: AuthModuleDeps): FeatureModule {
  const { config, broadcaster, publish } = deps;
  const presentUser = sessionUserPresenter(deps.identities);

  // Full-page redirects to and from OpenID providers: the session, never the CSRF header (a provider's
  // redirect cannot carry one; `state` and the session bind the round trip instead).
  const oidc = express.Router();
  oidc.use(deps.sessionMiddleware);
  oidc.use(deps.passport.session());
  oidc.use(localeMiddleware(config.defaultLocale));
  oidc.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  oidc.use(
    oidcRoutes({ oidc: deps.oidc, passport: deps.passport, signIn: deps.signIn, logger: deps.logger }),
  );

  return {
    name: 'auth',
    routes: [
      apiRoutes(
        authApi,
        authHandlers({
          config,
          csrf: deps.csrf,
          passport: deps.passport,
          auth: deps.auth,
          members: deps.members,
          publish,
          signIn: deps.signIn,
          twoFactor: deps.twoFactor,
          presentUser,
          accountEmails: deps.accountEmails,
          devices: deps.devices,
        }),
      ),
      apiRoutes(
        accountEmailApi,
        accountEmailHandlers({
          accountEmails: deps.accountEmails,
          limits: deps.authLimits,
          background: deps.background,
        }),
      ),
      apiRoutes(
        securityApi,
        securityHandlers({
          csrf: deps.csrf,
          auth: deps.auth,
          sessions: deps.sessions,
          twoFactor: deps.twoFactor,
          publish,
          presentUser,
        }),
      ),
      apiRoutes(reauthenticationApi, reauthenticationHandlers({ reauth: deps.reauth, oidc: deps.oidc })),
      apiRoutes(
        identityApi,
        identityHandlers({
          identities: deps.identities,
          oidc: deps.oidc,
          members: deps.members,
          profiles: deps.profiles,
          presentUser,
        }),
      ),
    ],
    pages: [{ path: '/auth/oidc', handler: oidc }],
    personalData: [identityData],
    events: {
      afterCommit: {
        // Sockets live as long as the session they were opened with, and as the member's right to be here.
        'sessions.ended': (event) => {
          for (const sid of event.sessionIds) broadcaster.disconnectSession(sid);
        },
        'member.access.revoked': (event) => broadcaster.disconnectMember(event.memberId),
      },
    },
  };
}
