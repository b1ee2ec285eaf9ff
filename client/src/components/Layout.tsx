import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Footer } from './Footer';
import { Header } from './Header';
import { MemberStatusBanner } from './MemberStatusBanner';

/** The page frame: skip link, header, status banner, the page in <main>, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After client-side navigation, focus starts at the new page's content (as after a full page load,
  // screen readers then read from there), not on the link that was followed.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <MemberStatusBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <Suspense
          fallback={
            <p className="loading" aria-busy="true">
              {t('status.loading')}
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </>
  );
}
