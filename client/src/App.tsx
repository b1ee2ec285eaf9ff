import { Route, Routes } from 'react-router';
import { PATHS } from '@shared/routes';
import { Layout } from '@client/components/Layout';
import { useSession } from '@client/features/session/useSession';
import { RealtimeProvider } from '@client/realtime/RealtimeProvider';
import { HomePage } from '@client/pages/HomePage';
import { NotFoundPage } from '@client/pages/NotFoundPage';
import { RegisterPage, SecurityPage, SettingsPage, SignInPage, WelcomePage } from '@client/pages/lazyPages';

/** The app's pages (their paths are `PATHS` in shared/routes.ts, which the server also knows). */
export function App() {
  const session = useSession();
  return (
    <RealtimeProvider userId={session.user?.id ?? null}>
      <Routes>
        <Route element={<Layout />}>
          <Route path={PATHS.home} element={<HomePage />} />
          <Route path={PATHS.signIn} element={<SignInPage />} />
          <Route path={PATHS.register} element={<RegisterPage />} />
          <Route path={PATHS.settings} element={<SettingsPage />} />
          <Route path={PATHS.security} element={<SecurityPage />} />
          <Route path={PATHS.welcome} element={<WelcomePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RealtimeProvider>
  );
}
