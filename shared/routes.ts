/** The web client's pages, by name. The client's router is built from these. */
export const PATHS = {
  home: '/',
  signIn: '/signin',
  register: '/register',
  settings: '/settings',
  directory: '/members',
  member: '/members/:handle',
  profileEdit: '/settings/profile',
  yourData: '/settings/data',
} as const;

/** The path of a member's profile page. */
export function memberPath(handle: string): string {
  return `/members/${encodeURIComponent(handle)}`;
}

/** Where the messaging feature starts a conversation with a member. */
export function newMessagePath(handle: string): string {
  return `/messages/new?to=${encodeURIComponent(handle)}`;
}

// Dynamic pages: the server answers these with the app (the page itself shows "not found" if need be).
const DYNAMIC_ROUTES = [/^\/members\/[a-z0-9_]{3,30}$/];

/**
 * Paths the web client answers. The server uses them to give unknown paths a real 404 status while
 * still serving the app, which shows its "not found" page.
 */
export const CLIENT_ROUTES = Object.values(PATHS).filter((path) => !path.includes(':'));

/** Whether the client has a page at `pathname`. */
export function isClientRoute(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return (CLIENT_ROUTES as readonly string[]).includes(path) || DYNAMIC_ROUTES.some((re) => re.test(path));
}
