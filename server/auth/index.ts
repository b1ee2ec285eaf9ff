/**
 * The public module of the auth feature: accounts, sessions, sign-in, second factor, OpenID Connect and
 * e-mail verification. Other features import only from here (`@server/auth`), never its queries, routes or
 * tables; the composition root imports its route handler factories and socket registrations from here too.
 */
export { accountEmailHandlers } from './account-email.routes';
export { type AccountEmailService, createAccountEmailService } from './account-email.service';
export { createAdminBootstrap } from './admin-bootstrap';
export { authHandlers } from './auth.routes';
export { type AuthService, createAuthService } from './auth.service';
export { identityData } from './identity.data';
export { identityHandlers } from './identity.routes';
export { createIdentityService, type IdentityService } from './identity.service';
export { createOidc, type Oidc } from './oidc';
export { oidcRoutes, oidcVerify } from './oidc.routes';
export { type AgoraPassport, createPassport } from './passport';
export { hashPassword } from './password';
export { type AuthLimits, type AuthLimitSizes, createAuthLimits, DEFAULT_AUTH_LIMITS } from './rate-limits';
export { reauthenticationHandlers } from './reauth.routes';
export { createReauthService, type ReauthService } from './reauth.service';
export { createSecrets } from './secrets';
export { securityHandlers } from './security.routes';
export { createSessionMiddleware, resolveSessionSecret, SESSION_COOKIE } from './session';
export { touchSession } from './session-ops';
export { sessionUserPresenter } from './session-user';
export { createSessionService, endAllSessionsInTx, type SessionService } from './sessions.service';
export { createSignIn, type SignIn } from './sign-in';
export { createTwoFactorService, type TwoFactorService } from './two-factor.service';
