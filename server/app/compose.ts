import { existsSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { createClient } from 'redis';
import type { RequestHandler } from 'express';
import type { Config } from '@server/config';
import type { Logger } from '@server/logger';
import type { OpenDatabase } from '@server/db/open';
import { createTranslator, type Translator } from '@server/i18n/i18n';
import { createMetrics, type Metrics } from '@server/ops/metrics';
import { createBackgroundTasks, type BackgroundTasks } from '@server/ops/background';
import { createCsrf, type Csrf } from '@server/http/csrf';
import type { FeatureModule } from '@server/http/module';
import { createBroadcaster, type Broadcaster } from '@server/realtime/broadcast';
import { createEventPipeline } from '@server/events';
import type { RedisPair } from '@server/realtime/io';
import { createSessionMiddleware, resolveSessionSecret } from '@server/auth/session';
import { createPassport, type AgoraPassport } from '@server/auth/passport';
import { createAuthService } from '@server/auth/auth.service';
import { createAuthLimits, DEFAULT_AUTH_LIMITS, type AuthLimitSizes } from '@server/auth/rate-limits';
import { createSecrets } from '@server/auth/secrets';
import { createKnownDevices } from '@server/auth/known-device';
import { createTwoFactorService, type TwoFactorService } from '@server/auth/two-factor.service';
import { createSessionService } from '@server/auth/sessions.service';
import { createSignIn } from '@server/auth/sign-in';
import { createReauthService } from '@server/auth/reauth.service';
import { createIdentityService } from '@server/auth/identity.service';
import { createAdminBootstrap } from '@server/auth/admin-bootstrap';
import { createOidc, type Oidc } from '@server/auth/oidc';
import { oidcVerify } from '@server/auth/oidc.routes';
import { createAccountEmailService } from '@server/auth/account-email.service';
import { authModule } from '@server/auth/auth.module';
import { createMemberService, type MemberService } from '@server/members/member.service';
import { createRoleService } from '@server/members/role.service';
import { membersModule } from '@server/members/members.module';
import { createForum } from '@server/forum/forum';
import type { PostLimitSizes } from '@server/forum/post-limits';
import type { ViewCounter } from '@server/forum/view-counter';
import { createForumDigest } from '@server/forum/digest.service';
import { createForumModeration } from '@server/forum/content-moderation';
import { forumModule } from '@server/forum/forum.module';
import { createDirectoryService } from '@server/directory/directory.service';
import { createProfileService } from '@server/directory/profile.service';
import { createAvatarStorage } from '@server/directory/avatar.storage';
import { createMemberThemes } from '@server/directory/themes';
import { directoryModule } from '@server/directory/directory.module';
import { createSearchService } from '@server/search/search.service';
import { searchModule } from '@server/search/search.module';
import { auditData } from '@server/audit/audit.service';
import { PersonalDataRegistry } from '@server/privacy/export.registry';
import { createPrivacyService } from '@server/privacy/privacy.service';
import { privacyModule } from '@server/privacy/privacy.module';
import {
  createMessagingLimits,
  DEFAULT_MESSAGING_LIMITS,
  type MessagingLimitSizes,
} from '@server/messaging/rate-limits';
import { createMessageService } from '@server/messaging/message.service';
import { createConversationService } from '@server/messaging/conversation.service';
import { createPrivacyService as createMessagingPrivacyService } from '@server/messaging/privacy.service';
import { createMessageModeration } from '@server/messaging/message-flag';
import { messagingModule } from '@server/messaging/messaging.module';
import { createMailTransport, type MailTransport } from '@server/mail/transport';
import { createMailService } from '@server/mail/mail.service';
import { createUnsubscribeTokens } from '@server/mail/unsubscribe';
import {
  createOutboxWorker,
  DEFAULT_OUTBOX_OPTIONS,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from '@server/mail/outbox.worker';
import { createNotificationService } from '@server/notifications/notification.service';
import { notificationLive } from '@server/notifications/notification.live';
import { createDigestService } from '@server/notifications/digest.service';
import {
  createDigestScheduler,
  DEFAULT_DIGEST_OPTIONS,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from '@server/notifications/digest.scheduler';
import { notificationsModule } from '@server/notifications/notifications.module';
import { createModeration, startSuspensionSweep, type Moderation } from '@server/moderation/moderation';
import {
  createPostScreening,
  createProfileScreening,
  createSafeguardService,
} from '@server/moderation/safeguards.service';
import { createWatchedWordService } from '@server/moderation/watched-words.service';
import { createApplicationService } from '@server/moderation/application.service';
import { moderationModule } from '@server/moderation/moderation.module';
import { syndicationModule } from '@server/syndication';
import { seedDemoIfEmpty, type SeedReport } from '@server/seed/demo';
import { clientDistDir } from '@server/http/client';
import { createContractReader } from '@server/http/in-process';
import { SESSION_COOKIE, touchSession } from '@server/auth';
import { createWebPages, type WebPages } from '@server/web/pages';
import type { PageCacheOptions } from '@server/web/page-cache';

/** Options that tests and tools set beyond the environment's configuration. */
export interface StartOptions {
  /** Serve the embedded database from memory instead of `DATA_DIR` (tests). */
  inMemoryDatabase?: boolean;
  authLimits?: AuthLimitSizes;
  /** Prefix of the sign-in limits' Redis keys, so that test runs sharing one Redis keep apart. */
  authLimitKeyPrefix?: string;
  messagingLimits?: MessagingLimitSizes;
  postLimits?: PostLimitSizes;
  /** How often counted thread views are written; the default is `VIEW_FLUSH_INTERVAL_MS`. */
  viewFlushIntervalMs?: number;
  clientMiddleware?: (server: http.Server) => Promise<RequestHandler>;
  /** The visitors' page cache; the default is `DEFAULT_PAGE_CACHE`. */
  pageCache?: PageCacheOptions;
  seed?: boolean;
  /** Outbox worker tuning; `autoStart: false` leaves the worker stopped (tests start it). */
  outbox?: Partial<OutboxWorkerOptions> & { autoStart?: boolean };
  /** Digest scheduler tuning and clock; `autoStart: false` leaves it stopped (tests run it at chosen instants). */
  digests?: Partial<DigestSchedulerOptions> & { autoStart?: boolean };
  /** Threads per sitemap page (50 000 by default; tests use a few). */
  sitemapPageSize?: number;
}

/** Everything Ágora is made of once composed, before it serves: what the HTTP and socket layers plug in. */
export interface Composition {
  translator: Translator;
  metrics: Metrics;
  csrf: Csrf;
  passport: AgoraPassport;
  /** The session cookie's middleware (HTTP and the socket handshake) and its store. */
  session: ReturnType<typeof createSessionMiddleware>;
  /** Checked by the staff guard. */
  twoFactor: TwoFactorService;
  members: MemberService;
  broadcaster: Broadcaster;
  oidc: Oidc;
  redis: (RedisPair & { quit(): Promise<void> }) | undefined;
  /** The features, in mount order. */
  modules: FeatureModule[];
  seedReport: SeedReport | undefined;
  views: ViewCounter;
  transport: MailTransport;
  mailWorker: OutboxWorker;
  digestScheduler: DigestScheduler;
  background: BackgroundTasks;
  moderation: Moderation;
  suspensionSweep: { stop(): void };
  /** Server rendering of the web client's pages; absent until the client is built (or in development). */
  web: WebPages | undefined;
}

/**
 * A Redis client that goes away reconnects by itself; without a listener its every failed attempt
 * would print an unstructured warning. One log entry when it is lost, one when it is back.
 */
function watchRedis(
  client: { on(event: string, listener: (error?: unknown) => void): unknown },
  logger: Logger,
  role: string,
): void {
  let lost = false;
  client.on('error', (error) => {
    if (lost) return;
    lost = true;
    logger.error({ err: error, redis: role }, 'Redis is unreachable; reconnecting');
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.info({ redis: role }, 'Redis is reachable again');
  });
}

async function connectRedis(url: string, logger: Logger): Promise<RedisPair & { quit(): Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // A Redis unreachable at start fails the start (a wrong REDIS_URL); once connected, it is watched.
  await Promise.all([pub.connect(), sub.connect()]);
  watchRedis(pub, logger, 'commands');
  watchRedis(sub, logger, 'subscriber');
  return { pub, sub, quit: async () => void (await Promise.all([pub.quit(), sub.quit()])) };
}

/**
 * The composition root: builds every service in dependency order — each one after what it needs — then
 * each feature's module, in the order the API mounts them.
 *
 * Features do not call each other after a commit: services record domain events in their transactions
 * (shared/domain-events.ts) and the event pipeline hands them to the listeners each module declares,
 * added here once the modules exist.
 *
 * One reference still points forward, a true cycle: the broadcaster is needed by the routes, which make the app, which the HTTP server serves, on which
 *   the Socket.IO server is built: the broadcaster is attached to it once it exists (`startAgora`).
 */
export async function composeAgora(
  config: Config,
  logger: Logger,
  database: OpenDatabase,
  options: StartOptions = {},
): Promise<Composition> {
  const { pool } = database;
  // First: the background jobs built below count their failures in it.
  const metrics = createMetrics();
  // Every service writes through the pipeline's database: its transactions carry the domain events
  // recorded in them, handed to the features' listeners (added below) in and after the commit.
  const events = createEventPipeline(logger);
  const db = events.bind(database.db);

  const translator = await createTranslator(config.defaultLocale);
  const members = createMemberService(db);
  const avatars = createAvatarStorage(config.dataDir);
  const directory = createDirectoryService(db);
  // Profiles show whether a linked provider verified the member's identity: the identity-link service
  // (which needs the key that hashes provider subjects) comes first.
  const secret = await resolveSessionSecret(config);
  const secrets = createSecrets(secret);
  const adminBootstrap = createAdminBootstrap(config.adminEmails);
  const identities = createIdentityService(config, db, members, secrets, adminBootstrap);
  const search = createSearchService(db, directory);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  // Every rate-limit counter in Redis starts with `REDIS_PREFIX:rl`: sites sharing a Redis keep apart.
  const limitKeyPrefix = `${config.redisPrefix}:rl`;
  const limits = createAuthLimits(
    options.authLimits ?? DEFAULT_AUTH_LIMITS,
    redis?.pub,
    options.authLimitKeyPrefix ?? limitKeyPrefix,
  );
  const auth = createAuthService(config, members, limits);
  // Tells clients what changed, after commit; attached to the Socket.IO server once that exists.
  const broadcaster = createBroadcaster(logger, { checkPayloads: config.env !== 'production' });

  // Notifications come before the features that write them (messages, forum, moderation).
  const transport = createMailTransport(config, logger);
  // The one forward reference among services (see above): the worker is built below.
  const mail = createMailService();
  const notifications = createNotificationService({
    db,
    members,
    mail,
    messageDelaySeconds: config.messageEmailDelayMinutes * 60,
  });
  const live = notificationLive({ notifications, broadcaster, logger });

  const messagingLimits = createMessagingLimits(
    options.messagingLimits ?? DEFAULT_MESSAGING_LIMITS,
    redis?.pub,
    limitKeyPrefix,
  );
  const messages = createMessageService(db, members, messagingLimits);
  const conversations = createConversationService(db, members, messagingLimits, messages);
  const messagingPrivacy = createMessagingPrivacyService(db, members);

  // Each feature module brings its part of a member's data (added below, once the modules exist).
  const personalData = new PersonalDataRegistry();
  const privacy = createPrivacyService(db, personalData);

  const mailWorker = createOutboxWorker({
    db,
    transport,
    translator,
    logger,
    baseUrl: config.baseUrl,
    unsubscribe: createUnsubscribeTokens(secret),
    // A delayed message e-mail is skipped when the member read the conversation in the meantime.
    skipChecks: [
      async (row) => {
        const params = (row.data as { params?: { conversationId?: string; seq?: number } }).params;
        if (row.kind !== 'message' || !row.memberId || !params?.conversationId || !params.seq) return false;
        return messages.hasRead(row.memberId, params.conversationId, params.seq);
      },
    ],
    options: { ...DEFAULT_OUTBOX_OPTIONS, ...options.outbox },
    onFailure: (what) => metrics.jobFailed(what === 'run' ? 'outbox' : 'mail_delivery'),
  });
  metrics.measureOutbox(() => mailWorker.backlog());
  const background = createBackgroundTasks(logger, () => metrics.jobFailed('background_task'));
  const accountEmails = createAccountEmailService(db, members, mail, adminBootstrap);
  const watchedWords = createWatchedWordService(db);
  const screening = createPostScreening(db, config, watchedWords);
  const forum = createForum(db, members, directory, logger, {
    postLimits: options.postLimits,
    viewFlushIntervalMs: options.viewFlushIntervalMs,
    redis: redis?.pub,
    redisKeyPrefix: limitKeyPrefix,
    screening: () => screening,
  });
  const digestScheduler = createDigestScheduler(
    createDigestService({
      db,
      members,
      forum: createForumDigest(db),
      themes: createMemberThemes(db),
      mail,
      logger,
    }),
    logger,
    { ...DEFAULT_DIGEST_OPTIONS, ...options.digests },
    () => metrics.jobFailed('digests'),
  );
  const { categories, threads, posts, views } = forum;
  const forumModeration = createForumModeration(db, members);
  const moderation = createModeration({
    db,
    members,
    forum: forumModeration,
    messages: createMessageModeration(db),
    notifications,
    translator,
    settings: { flagsToHide: config.flagsToHide, moderationLogNames: config.moderationLogNames },
  });
  const suspensionSweep = startSuspensionSweep(
    () => members.liftExpiredSuspensions(),
    (error) => {
      logger.error({ err: error }, 'suspension sweep failed');
      metrics.jobFailed('suspension_sweep');
    },
  );
  const profiles = createProfileService(
    db,
    directory,
    avatars,
    {
      mayMessage: (viewer, memberId) => messagingPrivacy.mayMessage(viewer, memberId),
      recentBy: (viewer, memberId) => threads.recentBy(viewer, memberId),
    },
    identities,
    createProfileScreening(watchedWords, config),
  );
  const safeguards = createSafeguardService({ db, posts, notifications, forum: forumModeration });
  const applications = createApplicationService({ db, notifications, mail });

  const session = createSessionMiddleware(config, pool, secret);
  const devices = createKnownDevices(secrets, config.baseUrl.startsWith('https://'));
  const passport = createPassport(auth, members, devices);
  const csrf = createCsrf(secret, config.baseUrl.startsWith('https://'));
  const twoFactor = createTwoFactorService(db, secrets, limits);
  const sessions = createSessionService(db, secrets);
  const signIn = createSignIn({ csrf, twoFactor, members, publish: events.publish });
  const reauth = createReauthService({ auth, twoFactor, identities });
  const oidc = createOidc(config, passport, logger, oidcVerify(identities));
  const roles = createRoleService({
    db,
    twoFactor,
    categoryExists: async (id) => (await categories.findById(id)) !== undefined,
  });

  // Mount order: Express matches in registration order. Within a module the order is the module's
  // (the forum mounts `/threads/featured` before `/threads/:id`); across modules no two routes overlap.
  const modules: FeatureModule[] = [
    // First: the account leads the member's data archive.
    membersModule({ roles, broadcaster }),
    authModule({
      config,
      logger,
      csrf,
      passport,
      sessionMiddleware: session.middleware,
      broadcaster,
      publish: events.publish,
      background,
      members,
      profiles,
      auth,
      signIn,
      twoFactor,
      sessions,
      reauth,
      identities,
      oidc,
      accountEmails,
      authLimits: limits,
      devices,
    }),
    notificationsModule({
      notifications,
      live,
      unsubscribeTokens: createUnsubscribeTokens(secret),
      translator,
    }),
    forumModule({ forum, members, broadcaster }),
    messagingModule({ conversations, messages, privacy: messagingPrivacy, members, broadcaster }),
    directoryModule({ directory, profiles, avatars }),
    searchModule({ search }),
    privacyModule({ privacy }),
    moderationModule({
      moderation,
      applications,
      safeguards,
      words: watchedWords,
      members,
      broadcaster,
    }),
    // Pages only (robots.txt, sitemaps, feeds, previews), of what the forum lets visitors read.
    syndicationModule({
      content: forum.publicContent,
      translator,
      baseUrl: config.baseUrl,
      sitemapPageSize: options.sitemapPageSize,
    }),
  ];
  for (const part of modules.flatMap((module) => module.personalData ?? [])) personalData.register(part);
  // The audit trail has no routes of its own: what it keeps of the member follows the features' parts.
  personalData.register(auditData);

  // Room membership is an access grant: each kind of guarded room says who may stay in it, and every
  // change that can take access away revalidates the rooms it touches against these.
  for (const module of modules) {
    for (const [kind, access] of Object.entries(module.rooms ?? {})) broadcaster.guard(kind, access);
  }

  // What features do when events happen, in module order: the writes that commit with an event first
  // (the demo seed's posts write their notifications), the deliveries after the seed (they notify
  // nobody live).
  for (const { name, events: listeners } of modules) {
    if (listeners?.inTransaction) events.listen(name, { inTransaction: listeners.inTransaction });
  }
  const seedReport =
    (options.seed ?? config.seedDemo)
      ? await seedDemoIfEmpty({ members, ...forum, profiles }, logger)
      : undefined;
  for (const { name, events: listeners } of modules) {
    if (listeners?.afterCommit) events.listen(name, { afterCommit: listeners.afterCommit });
  }
  events.listen('mail', { afterCommit: { 'mail.queued': () => mailWorker.poke() } });

  // The pages, rendered on the server from the client's components, read through the same contract.
  const clientDir = clientDistDir();
  const web =
    options.clientMiddleware || !existsSync(path.join(clientDir, 'index.html'))
      ? undefined
      : createWebPages({
          baseUrl: config.baseUrl,
          defaultLocale: config.defaultLocale,
          secureCookies: config.baseUrl.startsWith('https://'),
          clientDir,
          reader: createContractReader(modules),
          translator,
          logger,
          sessionCookie: SESSION_COOKIE,
          memberSession: [session.middleware, passport.session() as RequestHandler, touchSession],
          threadRemoved: (reader, id) => threads.removed(reader ?? null, id),
          countView: (id) => views.record(id),
          cache: options.pageCache,
        });
  if (web) events.listen('web', web.events);

  return {
    translator,
    metrics,
    csrf,
    passport,
    session,
    twoFactor,
    members,
    broadcaster,
    oidc,
    redis,
    modules,
    seedReport,
    views,
    transport,
    mailWorker,
    digestScheduler,
    background,
    moderation,
    suspensionSweep,
    web,
  };
}
