import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, RequestHandler } from 'express';
import { createClient } from 'redis';
import type { Config } from './config';
import type { Logger } from './logger';
import { openDatabase, type OpenDatabase } from './db/open';
import { createTranslator } from './i18n/i18n';
import { createMetrics } from './ops/metrics';
import { createCsrf } from './http/csrf';
import { createApp } from './http/app';
import { createSessionMiddleware, resolveSessionSecret } from './auth/session';
import { createPassport } from './auth/passport';
import { createAuthService } from './auth/auth.service';
import { createAuthLimits, DEFAULT_AUTH_LIMITS, type AuthLimitSizes } from './auth/rate-limits';
import { createMemberService } from './members/member.service';
import { createForum } from './forum/forum';
import type { PostLimitSizes } from './forum/post-limits';
import type { ViewCounter } from './forum/view-counter';
import type { ForumEventBus } from './forum/forum.events';
import { threadRoomAccess, threadSocket } from './forum/thread.socket';
import { createDirectoryService } from './directory/directory.service';
import { createSearchService } from './search/search.service';
import { createProfileService } from './directory/profile.service';
import { createAvatarStorage } from './directory/avatar.storage';
import { profileData } from './directory/profile.data';
import { accountData } from './members/member.data';
import { auditData } from './audit/audit.service';
import { PersonalDataRegistry } from './privacy/export.registry';
import { forumData } from './forum/forum.data';
import { messagingData } from './messaging/messaging.data';
import { identityData } from './auth/identity.data';
import { createPrivacyService } from './privacy/privacy.service';
import { notificationData } from './notifications/notification.data';
import { createSecrets } from './auth/secrets';
import { createTwoFactorService } from './auth/two-factor.service';
import { createSessionService } from './auth/sessions.service';
import { createSignIn } from './auth/sign-in';
import { createReauthService } from './auth/reauth.service';
import { createIdentityService } from './auth/identity.service';
import { createAdminBootstrap } from './auth/admin-bootstrap';
import { createOidc } from './auth/oidc';
import { oidcVerify } from './auth/oidc.routes';
import { createRealtime, type RedisPair } from './realtime/io';
import { createBroadcaster } from './realtime/broadcast';
import { seedDemoIfEmpty, type SeedReport } from './seed/demo';
import {
  createMessagingLimits,
  DEFAULT_MESSAGING_LIMITS,
  type MessagingLimitSizes,
} from './messaging/rate-limits';
import { createMessageService } from './messaging/message.service';
import { createConversationService } from './messaging/conversation.service';
import { createPrivacyService as createMessagingPrivacyService } from './messaging/privacy.service';
import { conversationRoomAccess, messagingSocket } from './messaging/conversation.socket';
import { createMailTransport } from './mail/transport';
import { createMailService } from './mail/mail.service';
import { createUnsubscribeTokens } from './mail/unsubscribe';
import {
  createOutboxWorker,
  DEFAULT_OUTBOX_OPTIONS,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from './mail/outbox.worker';
import { createNotificationService } from './notifications/notification.service';
import { notificationLive } from './notifications/notification.live';
import { createAccountEmailService } from './auth/account-email.service';
import { createForumDigest } from './forum/digest.service';
import { createMemberThemes } from './directory/themes';
import { createDigestService } from './notifications/digest.service';
import {
  createDigestScheduler,
  DEFAULT_DIGEST_OPTIONS,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from './notifications/digest.scheduler';
import { createBackgroundTasks, type BackgroundTasks } from './ops/background';
import { createRoleService } from './members/role.service';
import { createModeration, startSuspensionSweep, type Moderation } from './moderation/moderation';
import { createForumModeration } from './forum/content-moderation';
import { createMessageModeration } from './messaging/message-flag';
import { moderationSocket, STAFF_ROOM, staffRoomAccess } from './moderation/moderation.socket';
import {
  createPostScreening,
  createProfileScreening,
  createSafeguardService,
} from './moderation/safeguards.service';
import { createWatchedWordService } from './moderation/watched-words.service';
import { createApplicationService } from './moderation/application.service';

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
  seed?: boolean;
  /** Outbox worker tuning; `autoStart: false` leaves the worker stopped (tests start it). */
  outbox?: Partial<OutboxWorkerOptions> & { autoStart?: boolean };
  /** Digest scheduler tuning and clock; `autoStart: false` leaves it stopped (tests run it at chosen instants). */
  digests?: Partial<DigestSchedulerOptions> & { autoStart?: boolean };
}

/** A running Ágora: its URL and handles for tests, and a clean stop. */
export interface RunningAgora {
  url: string;
  server: http.Server;
  /** The Express app serving `server` (tests read its routes). */
  app: Express;
  pool: OpenDatabase['pool'];
  db: OpenDatabase['db'];
  seedReport: SeedReport | undefined;
  /** Thread views counted in memory, flushed in batches. */
  views: ViewCounter;
  /** The forum's domain events (mentions). */
  forumEvents: ForumEventBus;
  /** The e-mail outbox's sender. */
  mailWorker: OutboxWorker;
  /** Writes the digests due (every minute, on its clock). */
  digestScheduler: DigestScheduler;
  /** Work done after answering (account e-mail requests); `idle()` waits for it. */
  background: BackgroundTasks;
  /** Flags, the review queue, actions, notices and logs. */
  moderation: Moderation;
  stop(): Promise<void>;
}

async function connectRedis(url: string): Promise<RedisPair & { quit(): Promise<void> }> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub, quit: async () => void (await Promise.all([pub.quit(), sub.quit()])) };
}

/**
 * Starts everything in order — database (embedded or server), migrations, seed, HTTP and sockets — and
 * returns a handle whose `stop()` undoes it in reverse: stop accepting, finish in-flight requests,
 * close sockets, pool and database.
 */
export async function startAgora(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningAgora> {
  const database = await openDatabase(config, logger, options.inMemoryDatabase);
  const { pool, db } = database;

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
  // Each feature adds its part of a member's data here.
  const search = createSearchService(db, directory);
  const personalData = new PersonalDataRegistry()
    .register(accountData)
    .register(profileData(avatars))
    .register(auditData);
  const redis = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
  const limits = createAuthLimits(
    options.authLimits ?? DEFAULT_AUTH_LIMITS,
    redis?.pub,
    options.authLimitKeyPrefix,
  );
  const auth = createAuthService(config, members, limits);
  const messagingLimits = createMessagingLimits(
    options.messagingLimits ?? DEFAULT_MESSAGING_LIMITS,
    redis?.pub,
  );
  const messages = createMessageService(db, members, messagingLimits, {
    messageCreated: (tx, audience) => notifications.messagingHooks.messageCreated(tx, audience),
    messageCommitted: (messageId) => live.publish(messageId),
  });
  const conversations = createConversationService(db, members, messagingLimits, messages);
  const messagingPrivacy = createMessagingPrivacyService(db, members);
  personalData.register(identityData).register(notificationData);
  for (const part of [...forumData, ...messagingData(members)]) personalData.register(part);
  const privacy = createPrivacyService(db, personalData);
  const transport = createMailTransport(config, logger);
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
  });
  const mail = createMailService(() => mailWorker.poke());
  const notifications = createNotificationService({
    db,
    members,
    mail,
    messageDelaySeconds: config.messageEmailDelayMinutes * 60,
  });
  const background = createBackgroundTasks(logger);
  const accountEmails = createAccountEmailService(db, members, mail, adminBootstrap);
  const watchedWords = createWatchedWordService(db);
  const screening = createPostScreening(db, config, watchedWords);
  const forum = createForum(db, members, directory, logger, {
    postLimits: options.postLimits,
    viewFlushIntervalMs: options.viewFlushIntervalMs,
    redis: redis?.pub,
    hooks: notifications.forumHooks,
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
  );
  const { categories, threads, posts, curation, views, events: forumEvents } = forum;
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
    (error) => logger.error({ err: error }, 'suspension sweep failed'),
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

  const seedReport =
    (options.seed ?? config.seedDemo)
      ? await seedDemoIfEmpty({ members, ...forum, profiles }, logger)
      : undefined;

  const session = createSessionMiddleware(config, pool, secret);
  const passport = createPassport(auth, members);
  const metrics = createMetrics();
  const csrf = createCsrf(secret, config.baseUrl.startsWith('https://'));
  const broadcaster = createBroadcaster(logger);
  // Room membership is an access grant: each kind of guarded room says who may stay in it, and every
  // change that can take access away revalidates the rooms it touches against these.
  broadcaster.guard('thread', threadRoomAccess(threads, members));
  broadcaster.guard('conversation', conversationRoomAccess(conversations));
  broadcaster.guard(STAFF_ROOM, staffRoomAccess(members));
  const live = notificationLive({ notifications, broadcaster, mail, logger });
  live.listen(forumEvents);
  const twoFactor = createTwoFactorService(db, secrets, limits);
  const sessions = createSessionService(db, secrets);
  const signIn = createSignIn({ csrf, twoFactor, members, broadcaster });
  const reauth = createReauthService({ auth, twoFactor, identities });
  const oidc = createOidc(config, passport, logger, oidcVerify(identities));
  let draining = false;

  const server = http.createServer();
  const app = createApp({
    config,
    logger,
    pool,
    translator,
    metrics,
    csrf,
    passport,
    sessionMiddleware: session.middleware,
    services: {
      auth,
      members,
      categories,
      threads,
      posts,
      conversations,
      messages,
      messagingPrivacy,
      directory,
      search,
      profiles,
      privacy,
      twoFactor,
      sessions,
      signIn,
      reauth,
      identities,
      oidc,
      notifications,
      accountEmails,
      background,
      curation,
      moderation,
      unsubscribeTokens: createUnsubscribeTokens(secret),
      authLimits: limits,
      roles: createRoleService({
        db,
        twoFactor,
        categoryExists: async (id) => (await categories.findById(id)) !== undefined,
      }),
      safeguards: { applications, decisions: safeguards, words: watchedWords },
    },
    notificationLive: live,
    avatars,
    broadcaster,
    isDraining: () => draining,
    clientMiddleware: options.clientMiddleware ? await options.clientMiddleware(server) : undefined,
  });
  server.on('request', app);
  const io = createRealtime(server, {
    config,
    logger,
    translator,
    features: [
      threadSocket(threads, members),
      messagingSocket({ conversations, messages, members, broadcaster }),
      moderationSocket(members),
    ],
    sessionMiddleware: session.middleware,
    loadMember: (memberId) => members.findById(memberId),
    metrics,
    redis,
  });
  broadcaster.attach(io);
  oidc.warmUp();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  if (options.outbox?.autoStart !== false) mailWorker.start();
  if (options.digests?.autoStart !== false) digestScheduler.start();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url =
    config.port === 0 ? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}` : config.baseUrl;

  let stopping: Promise<void> | undefined;
  return {
    url,
    server,
    app,
    pool,
    db,
    seedReport,
    views,
    forumEvents,
    mailWorker,
    digestScheduler,
    background,
    moderation,
    stop() {
      draining = true;
      suspensionSweep.stop();
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // io.close() disconnects every socket and closes the HTTP server once in-flight requests finish.
        await io.close();
        await closed;
        await views.stop();
        // Requests already answered may still be writing their e-mails; digests write to the outbox.
        await background.idle();
        await digestScheduler.stop();
        await mailWorker.stop();
        transport.close();
        session.store.close();
        await redis?.quit();
        await database.close();
      })();
      return stopping;
    },
  };
}
