import { isClientRoute, PATHS } from '@shared/routes';

/** Where a page that required sign-in asked to come back to (`location.state.from`), or home. */
export function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    if (state.from.startsWith('/') && isClientRoute(state.from)) return state.from;
  }
  return PATHS.home;
}
