import { isIP } from 'node:net';
import { z } from 'zod';
import { LOCALES } from '@shared/constants';

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isTrustProxySetting(value: string): boolean {
  if (/^(true|false|\d+)$/.test(value)) return true;
  return value.split(',').every((entry) => {
    const item = entry.trim();
    if (PROXY_NAMES.has(item)) return true;
    const [address = '', bits] = item.split('/');
    return isIP(address) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
  });
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const optionalUrl = (protocols: RegExp) =>
  z.preprocess(emptyToUndefined, z.url({ protocol: protocols }).optional());

const localizedName = z.strictObject({
  es: z.string().min(1).max(60),
  pt: z.string().min(1).max(60),
  en: z.string().min(1).max(60),
  fr: z.string().min(1).max(60),
});

/** One OpenID Connect provider as written in `OIDC_PROVIDERS`. */
const oidcProviderSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes')
    .max(40),
  // Plain http only for a provider on this machine (development and tests); anything else is https.
  issuer: z
    .url({ protocol: /^https?$/ })
    .refine(
      (url) =>
        url.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(url),
      'must be an https:// URL (http:// only on localhost)',
    ),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/))
    .min(1)
    .optional(),
  name: localizedName,
  verifiedAssurance: z
    .strictObject({
      claim: z.string().min(1),
      values: z.array(z.string().min(1)).min(1),
    })
    .optional(),
  // How the UserInfo endpoint is asked for claims the ID token lacks; some providers answer only POST.
  userInfoMethod: z.enum(['GET', 'POST']).default('GET'),
});

const oidcProvidersSchema = z
  .string()
  .default('[]')
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(oidcProviderSchema)
      .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'provider ids must be unique'),
  );

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    BASE_URL: optionalUrl(/^https?$/),
    DATABASE_URL: optionalUrl(/^postgres(ql)?$/),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
    DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(LOCALES).default('es')),
    MEMBERSHIP: z.preprocess(emptyToUndefined, z.enum(['open', 'approval']).default('open')),
    ADMIN_EMAILS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('')
        .transform((value) =>
          value
            .split(',')
            .map((entry) => entry.trim().toLowerCase())
            .filter(Boolean),
        )
        .pipe(z.array(z.email())),
    ),
    REDIS_URL: optionalUrl(/^rediss?$/),
    REDIS_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^[A-Za-z0-9._:-]{1,64}$/,
          'must be 1 to 64 letters, digits, dots, dashes, colons or underscores',
        )
        .default('agora'),
    ),
    SMTP_URL: optionalUrl(/^smtps?$/),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().min(3).default('Ágora <no-reply@agora.local>')),
    REQUIRE_EMAIL_VERIFICATION: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    MESSAGE_EMAIL_DELAY_MINUTES: z.preprocess(
      emptyToUndefined,
      z.coerce.number().min(0).max(1440).default(10),
    ),
    FLAGS_TO_HIDE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(3)),
    NEW_MEMBER_REVIEW_POSTS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(50).default(2),
    ),
    NEW_ACCOUNT_MAX_LINKS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100).default(2)),
    MODERATION_LOG_NAMES: z.preprocess(emptyToUndefined, z.enum(['shown', 'hidden']).default('hidden')),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['json', 'pretty']).optional()),
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('loopback')
        .refine(
          isTrustProxySetting,
          'must be true, false, a number of proxies, or a list of addresses, subnets or loopback/linklocal/uniquelocal',
        ),
    ),
    SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    CLIENT_DEV_SERVER: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    OIDC_PROVIDERS: z.preprocess(emptyToUndefined, oidcProvidersSchema),
  })
  .superRefine((env, ctx) => {
    // Several processes behind a load balancer must sign cookies with the same secret.
    if (env.DATABASE_URL && !env.SESSION_SECRET && env.NODE_ENV !== 'test') {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when DATABASE_URL is set (at least 32 characters)',
      });
    }
  });

/** Every environment variable the server reads; README and `.env.example` document each. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** An OpenID Connect provider members may sign in with (`OIDC_PROVIDERS`). */
export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

/** The process configuration, validated once at boot. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string | undefined;
  defaultLocale: (typeof LOCALES)[number];
  membership: 'open' | 'approval';
  adminEmails: string[];
  redisUrl: string | undefined;
  /**
   * Start of every Redis key and channel Ágora uses (rate-limit counters, the Socket.IO adapter's
   * channels), so that several sites, or test runs, can share one Redis server.
   */
  redisPrefix: string;
  smtpUrl: string | undefined;
  /** The From header of every e-mail. */
  mailFrom: string;
  /** Unverified members can read but not post; on by default when SMTP_URL is set. */
  requireEmailVerification: boolean;
  /** How long a message to an offline member waits before it is e-mailed (skipped if read by then). */
  messageEmailDelayMinutes: number;
  /** How many distinct members must flag a post before it is hidden pending review. */
  flagsToHide: number;
  /** How many of a new member's first posts wait in the review queue (0: none). */
  newMemberReviewPosts: number;
  /** How many links an account younger than a day may put in one post or its profile. */
  newAccountMaxLinks: number;
  /** Whether the public moderation log names the moderator who acted. */
  moderationLogNames: 'shown' | 'hidden';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `json` or `pretty`; unset: pretty when standard output is a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty' | undefined;
  /** Express's `trust proxy` setting: which hops' `X-Forwarded-*` headers to believe. */
  trustProxy: boolean | number | string[];
  /** Seed demo content into an empty database: on by default only for the embedded database. */
  seedDemo: boolean;
  /** Serve the client through Vite's dev server with hot reload (`npm run dev`). */
  clientDevServer: boolean;
  /** OpenID Connect providers offered at sign-in, in the order configured. */
  oidcProviders: OidcProviderConfig[];
}

/** Thrown when the environment is invalid; the message names every offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (normally `process.env`) into a typed config, or throws `ConfigError`. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = result.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    defaultLocale: e.DEFAULT_LOCALE,
    membership: e.MEMBERSHIP,
    adminEmails: e.ADMIN_EMAILS,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION
      ? e.REQUIRE_EMAIL_VERIFICATION === 'true'
      : Boolean(e.SMTP_URL),
    messageEmailDelayMinutes: e.MESSAGE_EMAIL_DELAY_MINUTES,
    flagsToHide: e.FLAGS_TO_HIDE,
    newMemberReviewPosts: e.NEW_MEMBER_REVIEW_POSTS,
    newAccountMaxLinks: e.NEW_ACCOUNT_MAX_LINKS,
    moderationLogNames: e.MODERATION_LOG_NAMES,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // A production database must never receive accounts whose password is published.
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !e.DATABASE_URL,
    clientDevServer: e.CLIENT_DEV_SERVER === 'true',
    oidcProviders: e.OIDC_PROVIDERS,
  };
}

/** Reads the configuration from `process.env`: the only place in the project that does. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
