/** The web client's pages, by name. The client's router is built from these. */
export const PATHS = {
  home: '/',
  signIn: '/signin',
  register: '/register',
  settings: '/settings',
  messages: '/messages',
  /** `?to=<handle>`: the "Message" link of a profile or the directory. */
  newMessage: '/messages/new',
  conversation: '/messages/:conversationId',
  latest: '/latest',
  newThread: '/new',
  category: '/c/:slug',
  thread: '/t/:id',
  directory: '/members',
  member: '/members/:handle',
  profileEdit: '/settings/profile',
  yourData: '/settings/data',
  security: '/settings/security',
  welcome: '/welcome',
  adminCategories: '/admin/categories',
  adminRoles: '/admin/roles',

  /** `?q=&type=&in=&category=&author=&from=&to=&kind=&answered=`: search results (`in`: content language). */
  search: '/search',

  notifications: '/notifications',
  verifyEmail: '/verify-email',
  resetPassword: '/reset-password',
  confirmEmail: '/confirm-email',

  /** The moderation dashboard: the queue, an item, appeals, the audit log. */
  moderation: '/moderation',
  moderationItem: '/moderation/items/:id',
  moderationAppeals: '/moderation/appeals',
  moderationAudit: '/moderation/audit',
  /** A member's own moderation notices, with the appeal form. */
  notices: '/notices',
  /** The public moderation log. */
  moderationLog: '/moderation-log',
  /** Membership applications waiting for approval. */
  moderationMembers: '/moderation/members',
  /** Watched words, per language. */
  moderationWords: '/moderation/words',
} as const;

/**
 * The query parameter that names a page's interface language (`?lang=pt`): shared links and search
 * engines' language alternates point to a page in one language; without it, the visitor's own choice
 * (or their browser's) applies.
 */
export const LANGUAGE_PARAM = 'lang';

/** The page of one conversation. */
export function conversationPath(conversationId: string): string {
  return `/messages/${encodeURIComponent(conversationId)}`;
}

/** The path of a member's profile page. */
export function memberPath(handle: string): string {
  return `/members/${encodeURIComponent(handle)}`;
}

/** The page that starts a conversation with a member, from their handle. */
export function newMessagePath(handle?: string): string {
  return handle ? `${PATHS.newMessage}?to=${encodeURIComponent(handle)}` : PATHS.newMessage;
}

/** Link to a category's page. */
export const categoryPath = (slug: string) => `/c/${encodeURIComponent(slug)}`;

/** Link to a thread's page. */
export const threadPath = (id: string) => `/t/${encodeURIComponent(id)}`;

/** The moderation page of one queue item. */
export const moderationItemPath = (id: string) => `/moderation/items/${encodeURIComponent(id)}`;

/** Paths without parameters that the web client answers. */
export const CLIENT_ROUTES = Object.values(PATHS).filter((path) => !path.includes(':'));

// Parameterised pages: a category slug, a thread id, a conversation id, a member handle.
const CLIENT_PATTERNS = [
  /^\/c\/[a-z0-9]+(-[a-z0-9]+)*$/,
  /^\/t\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\/messages\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\/members\/[a-z0-9_]{3,30}$/,
  /^\/moderation\/items\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
];

/**
 * Whether the client has a page at `pathname`. The server uses it to give unknown paths a real 404
 * status while still serving the app, which shows its "not found" page.
 */
export function isClientRoute(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return (CLIENT_ROUTES as readonly string[]).includes(path) || CLIENT_PATTERNS.some((p) => p.test(path));
}
