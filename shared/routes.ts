/** The web client's pages, by name. The client's router is built from these. */
export const PATHS = {
  home: '/',
  signIn: '/signin',
  register: '/register',
  settings: '/settings',
  security: '/settings/security',
  welcome: '/welcome',
} as const;

/**
 * Paths the web client answers. The server uses them to give unknown paths a real 404 status while
 * still serving the app, which shows its "not found" page.
 */
export const CLIENT_ROUTES = Object.values(PATHS);

/** Whether the client has a page at `pathname`. */
export function isClientRoute(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return (CLIENT_ROUTES as readonly string[]).includes(path);
}
