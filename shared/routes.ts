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
} as const;

/** The page of one conversation. */
export function conversationPath(conversationId: string): string {
  return `/messages/${encodeURIComponent(conversationId)}`;
}

/** The page that starts a conversation with a member, from their handle. */
export function newMessagePath(handle?: string): string {
  return handle ? `${PATHS.newMessage}?to=${encodeURIComponent(handle)}` : PATHS.newMessage;
}

/**
 * Paths the web client answers. The server uses them to give unknown paths a real 404 status while
 * still serving the app, which shows its "not found" page.
 */
export const CLIENT_ROUTES = Object.values(PATHS).filter((path) => !path.includes(':'));

const DYNAMIC_ROUTES = [/^\/messages\/[0-9a-f-]{36}$/];

/** Whether the client has a page at `pathname`. */
export function isClientRoute(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return (CLIENT_ROUTES as readonly string[]).includes(path) || DYNAMIC_ROUTES.some((re) => re.test(path));
}
