import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHydrated } from './useHydrated';

/**
 * A page that works only with JavaScript (a form, a member's own data): the server and the hydration
 * show "Loading…" in its place, and the page itself renders once the app runs. Its forms then never
 * exist without their handlers, where a browser would submit them on its own (a password in an address).
 */
export function ClientOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  if (hydrated) return children;
  return (
    <>
      <noscript>
        <p className="notice">{t('status.needsScript')}</p>
      </noscript>
      <p className="loading" aria-busy="true">
        {t('status.loading')}
      </p>
    </>
  );
}

/** A route's element that renders only in the browser (see `ClientOnly`). */
export function clientOnly(page: ReactNode): ReactNode {
  return <ClientOnly>{page}</ClientOnly>;
}
