/**
 * Paths the web client answers. The server uses them to give unknown paths a real 404 status while
 * still serving the app, which shows its "not found" page.
 */
export const CLIENT_ROUTES = ['/', '/signin', '/register', '/settings'] as const;

/** Whether the client has a page at `pathname`. */
export function isClientRoute(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return (CLIENT_ROUTES as readonly string[]).includes(path);
}
