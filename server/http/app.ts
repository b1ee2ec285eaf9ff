import express, { type Express, type RequestHandler } from 'express';
import type pg from 'pg';
import type { Config } from '@server/config';
import type { Logger } from '@server/logger';
import type { Translator } from '@server/i18n/i18n';
import type { Metrics } from '@server/ops/metrics';
import type { AuthService } from '@server/auth/auth.service';
import type { AgoraPassport } from '@server/auth/passport';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { MemberService } from '@server/members/member.service';
import type { CategoryService } from '@server/forum/category.service';
import type { ConversationService } from '@server/messaging/conversation.service';
import type { MessageService } from '@server/messaging/message.service';
import type { PrivacyService as MessagingPrivacyService } from '@server/messaging/privacy.service';
import { conversationHandlers } from '@server/messaging/conversation.routes';
import { messageHandlers } from '@server/messaging/message.routes';
import { privacyHandlers as messagingPrivacyHandlers } from '@server/messaging/privacy.routes';
import { conversationApi, messageApi, messagingPrivacyApi } from '@shared/api/messaging';
import { messagingEvents } from '@server/messaging/messaging.events';
import type { ThreadService } from '@server/forum/thread.service';
import type { PostService } from '@server/forum/post.service';
import { mountedThreadApi, threadHandlers } from '@server/forum/thread.routes';
import { mountedPostApi, postHandlers } from '@server/forum/post.routes';
import type { DirectoryService } from '@server/directory/directory.service';
import type { SearchService } from '@server/search/search.service';
import { searchHandlers } from '@server/search/search.routes';
import { searchApi } from '@shared/api/search';
import type { ProfileService } from '@server/directory/profile.service';
import type { AvatarStorage } from '@server/directory/avatar.storage';
import type { PrivacyService } from '@server/privacy/privacy.service';
import { authHandlers } from '@server/auth/auth.routes';
import { profileHandlers } from '@server/directory/profile.routes';
import { mediaRoutes } from '@server/directory/media.routes';
import { privacyHandlers } from '@server/privacy/privacy.routes';
import { securityHandlers } from '@server/auth/security.routes';
import { touchSession } from '@server/auth/session-ops';
import type { TwoFactorService } from '@server/auth/two-factor.service';
import type { SessionService } from '@server/auth/sessions.service';
import type { SignIn } from '@server/auth/sign-in';
import type { ReauthService } from '@server/auth/reauth.service';
import { reauthenticationHandlers } from '@server/auth/reauth.routes';
import type { IdentityService } from '@server/auth/identity.service';
import type { Oidc } from '@server/auth/oidc';
import { oidcRoutes } from '@server/auth/oidc.routes';
import { identityHandlers } from '@server/auth/identity.routes';
import { sessionUserPresenter } from '@server/auth/session-user';
import { categoryHandlers } from '@server/forum/category.routes';
import { categoryApi } from '@shared/api/categories';
import { healthRoutes } from '@server/ops/health.routes';
import { requestContext } from './request-context';
import { securityHeaders } from './security';
import { localeMiddleware } from './locale';
import type { Csrf } from './csrf';
import { apiNotFound, errorHandler } from './errors';
import { clientRoutes } from './client';
import { refuseNulInUrl } from './validate';
import type { NotificationService } from '@server/notifications/notification.service';
import type { NotificationLive } from '@server/notifications/notification.live';
import { notificationHandlers } from '@server/notifications/notification.routes';
import { notificationApi } from '@shared/api/notifications';
import { API_TABLES } from '@shared/api';
import { directoryApi, privacyApi } from '@shared/api/directory';
import { roleApi } from '@shared/api/admin';
import { mountRoutes, type MountKit } from './mount';
import { apiReference } from './api-reference';
import { unsubscribeRoutes } from '@server/notifications/unsubscribe.routes';
import type { UnsubscribeTokens } from '@server/mail/unsubscribe';
import type { BackgroundTasks } from '@server/ops/background';
import type { AccountEmailService } from '@server/auth/account-email.service';
import { accountEmailHandlers } from '@server/auth/account-email.routes';
import { accountEmailApi, authApi } from '@shared/api/auth';
import { identityApi, reauthenticationApi, securityApi } from '@shared/api/security';
import { requireVerifiedEmailToPost } from '@server/auth/email-verification';
import type { AuthLimits } from '@server/auth/rate-limits';
import type { CurationService } from '@server/forum/curation.service';
import { curationHandlers } from '@server/forum/curation.routes';
import { curationApi } from '@shared/api/curation';
import type { RoleService } from '@server/members/role.service';
import { roleHandlers } from '@server/members/role.routes';
import type { Moderation } from '@server/moderation/moderation';
import { moderationHandlers } from '@server/moderation/moderation.routes';
import { memberModerationHandlers } from '@server/moderation/member.routes';
import { memberModerationApi, moderationApi } from '@shared/api/moderation';
import { moderationEvents } from '@server/moderation/moderation.events';
import type { ApplicationService } from '@server/moderation/application.service';
import type { SafeguardService } from '@server/moderation/safeguards.service';
import type { WatchedWordService } from '@server/moderation/watched-words.service';
import { safeguardHandlers } from '@server/moderation/safeguards.routes';
import { safeguardApi } from '@shared/api/safeguards';

/** Everything the HTTP app is assembled from. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  pool: pg.Pool;
  translator: Translator;
  metrics: Metrics;
  csrf: Csrf;
  passport: AgoraPassport;
  sessionMiddleware: RequestHandler;
  services: {
    auth: AuthService;
    members: MemberService;
    categories: CategoryService;
    conversations: ConversationService;
    messages: MessageService;
    messagingPrivacy: MessagingPrivacyService;
    threads: ThreadService;
    posts: PostService;
    directory: DirectoryService;
    search: SearchService;
    profiles: ProfileService;
    privacy: PrivacyService;
    twoFactor: TwoFactorService;
    sessions: SessionService;
    signIn: SignIn;
    /** Proving again who one is before sensitive actions. */
    reauth: ReauthService;
    identities: IdentityService;
    oidc: Oidc;
    notifications: NotificationService;
    accountEmails: AccountEmailService;
    background: BackgroundTasks;
    moderation: Moderation;
    unsubscribeTokens: UnsubscribeTokens;
    authLimits: AuthLimits;
    curation: CurationService;
    roles: RoleService;
    /** Membership approval, decisions on queued posts, watched words. */
    safeguards: {
      applications: ApplicationService;
      decisions: SafeguardService;
      words: WatchedWordService;
    };
  };
  /** Tells a member's tabs about notifications read elsewhere. */
  notificationLive: NotificationLive;
  /** Stored avatars, served under /media. */
  avatars: AvatarStorage;
  /** Tells clients what changed, after commit; also ends a session's sockets. */
  broadcaster: Broadcaster;
  /** True once shutdown has begun. */
  isDraining: () => boolean;
  /** Extra middleware in front of the client (the Vite dev server in `npm run dev`). */
  clientMiddleware?: RequestHandler;
}

/** API request bodies are small JSON documents; anything larger is refused with 413. */
const JSON_LIMIT = '64kb';

/** Assembles the Express app: operations endpoints, the API under `/api/v1`, then the web client. */
export function createApp(deps: AppDeps): Express {
  const { config, services } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(requestContext(deps.logger));
  app.use(deps.metrics.httpMetrics());
  app.use(healthRoutes(deps.pool, deps.metrics, deps.isDraining));
  app.use(securityHeaders(config));

  // Negotiated before parsing so that even a malformed body is refused in the visitor's language;
  // negotiated again once the member is known, whose saved preference wins.
  app.use(localeMiddleware(config.defaultLocale));
  app.use(refuseNulInUrl);

  app.use(apiReference(API_TABLES, 'v1'));

  const api = express.Router();
  const kit: MountKit = {
    twoFactor: services.twoFactor,
    requireEmailVerification: config.requireEmailVerification,
    checkContract: config.env !== 'production',
    logger: deps.logger,
  };
  const presentUser = sessionUserPresenter(services.identities);
  api.use(express.json({ limit: JSON_LIMIT }));
  api.use(deps.sessionMiddleware);
  api.use(deps.passport.session());
  api.use(touchSession);
  api.use(localeMiddleware(config.defaultLocale));
  api.use(deps.csrf.middleware);
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  mountRoutes(
    api,
    authApi,
    authHandlers({
      config,
      csrf: deps.csrf,
      passport: deps.passport,
      auth: services.auth,
      members: services.members,
      broadcaster: deps.broadcaster,
      signIn: services.signIn,
      twoFactor: services.twoFactor,
      presentUser,
      accountEmails: services.accountEmails,
    }),
    kit,
  );
  mountRoutes(
    api,
    accountEmailApi,
    accountEmailHandlers({
      accountEmails: services.accountEmails,
      broadcaster: deps.broadcaster,
      limits: services.authLimits,
      background: services.background,
    }),
    kit,
  );
  mountRoutes(api, notificationApi, notificationHandlers(services.notifications, deps.notificationLive), kit);
  if (config.requireEmailVerification) api.use(requireVerifiedEmailToPost);
  mountRoutes(
    api,
    securityApi,
    securityHandlers({
      csrf: deps.csrf,
      auth: services.auth,
      sessions: services.sessions,
      twoFactor: services.twoFactor,
      broadcaster: deps.broadcaster,
      presentUser,
    }),
    kit,
  );
  mountRoutes(
    api,
    reauthenticationApi,
    reauthenticationHandlers({ reauth: services.reauth, oidc: services.oidc }),
    kit,
  );
  mountRoutes(
    api,
    identityApi,
    identityHandlers({
      identities: services.identities,
      oidc: services.oidc,
      members: services.members,
      profiles: services.profiles,
      presentUser,
    }),
    kit,
  );
  mountRoutes(api, categoryApi, categoryHandlers(services.categories, deps.broadcaster), kit);
  const events = messagingEvents(deps.broadcaster);
  mountRoutes(api, conversationApi, conversationHandlers(services.conversations, events), kit);
  mountRoutes(api, messageApi, messageHandlers(services.messages, events), kit);
  mountRoutes(api, messagingPrivacyApi, messagingPrivacyHandlers(services.messagingPrivacy), kit);
  // Before the thread routes: `/threads/featured` is not a thread id.
  mountRoutes(api, curationApi, curationHandlers(services.curation, deps.broadcaster), kit);
  mountRoutes(api, mountedThreadApi, threadHandlers(services.threads, services.posts, deps.broadcaster), kit);
  mountRoutes(api, mountedPostApi, postHandlers(services.posts, deps.broadcaster), kit);
  mountRoutes(api, directoryApi, profileHandlers(services.directory, services.profiles), kit);
  mountRoutes(api, searchApi, searchHandlers(services.search), kit);
  mountRoutes(api, privacyApi, privacyHandlers(services.privacy, deps.broadcaster), kit);
  mountRoutes(api, roleApi, roleHandlers(services.roles, deps.broadcaster), kit);
  const applyModeration = moderationEvents(deps.broadcaster, deps.notificationLive);
  mountRoutes(
    api,
    memberModerationApi,
    memberModerationHandlers({
      flags: services.moderation.flags,
      notices: services.moderation.notices,
      log: services.moderation.log,
      apply: applyModeration,
    }),
    kit,
  );
  mountRoutes(
    api,
    moderationApi,
    moderationHandlers({
      queue: services.moderation.queue,
      actions: services.moderation.actions,
      log: services.moderation.log,
      apply: applyModeration,
    }),
    kit,
  );
  mountRoutes(
    api,
    safeguardApi,
    safeguardHandlers({
      applications: services.safeguards.applications,
      safeguards: services.safeguards.decisions,
      words: services.safeguards.words,
      posts: services.posts,
      broadcaster: deps.broadcaster,
      publishNotifications: (sourceId) => deps.notificationLive.publish(sourceId),
    }),
    kit,
  );
  api.use(apiNotFound);
  app.use('/api/v1', api);
  app.use('/api', apiNotFound);

  app.use(mediaRoutes(deps.avatars));
  app.use(
    unsubscribeRoutes({
      tokens: services.unsubscribeTokens,
      notifications: services.notifications,
      translator: deps.translator,
    }),
  );
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
    oidcRoutes({
      oidc: services.oidc,
      passport: deps.passport,
      signIn: services.signIn,
      logger: deps.logger,
    }),
  );
  app.use('/auth/oidc', oidc);

  if (deps.clientMiddleware) app.use(deps.clientMiddleware);
  else app.use(clientRoutes());

  app.use(errorHandler(deps.translator, deps.logger, config.defaultLocale));
  return app;
}
