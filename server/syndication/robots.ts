import { PATHS } from '@shared/routes';

/**
 * Paths crawlers are asked to leave alone: the API, staff tools, a member's own pages (settings,
 * messages, notifications, notices, the welcome page), the sign-in, registration and e-mail token pages,
 * and search results (an endless space of pages). `$` ends a rule at the path (RFC 9309), so that
 * `/moderation` is disallowed without `/moderation-log`, the public moderation log.
 */
const DISALLOWED = [
  '/api/',
  '/auth/',
  `${PATHS.moderation}$`,
  `${PATHS.moderation}/`,
  '/admin',
  PATHS.settings,
  PATHS.messages,
  PATHS.notifications,
  PATHS.notices,
  PATHS.welcome,
  PATHS.newThread + '$',
  PATHS.signIn,
  PATHS.register,
  PATHS.verifyEmail,
  PATHS.resetPassword,
  PATHS.confirmEmail,
  PATHS.search,
  '/mail/',
];

/** `/robots.txt`: the public pages open to every crawler, the rest closed, and where the sitemap is. */
export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
