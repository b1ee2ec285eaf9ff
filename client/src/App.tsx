import { Route, Routes } from 'react-router';
import { PATHS } from '@shared/routes';
import { Layout } from '@client/components/Layout';
import { useSession } from '@client/features/session/useSession';
import { RealtimeProvider } from '@client/realtime/RealtimeProvider';
import { HomePage } from '@client/pages/HomePage';
import { NotFoundPage } from '@client/pages/NotFoundPage';
import {
  DirectoryPage,
  MemberProfilePage,
  ProfileEditPage,
  RegisterPage,
  SettingsPage,
  SignInPage,
  YourDataPage,
} from '@client/pages/lazyPages';

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
          <Route path={PATHS.profileEdit} element={<ProfileEditPage />} />
          <Route path={PATHS.yourData} element={<YourDataPage />} />
          <Route path={PATHS.directory} element={<DirectoryPage />} />
          <Route path={PATHS.member} element={<MemberProfilePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RealtimeProvider>
  );
}
