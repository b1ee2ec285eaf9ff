import { Route, Routes } from 'react-router';
import { PATHS } from '@shared/routes';
import { Layout } from '@client/components/Layout';
import { useSession } from '@client/features/session/useSession';
import { RealtimeProvider } from '@client/realtime/RealtimeProvider';
import { HomePage } from '@client/pages/HomePage';
import { NotFoundPage } from '@client/pages/NotFoundPage';
import {
  CategoryAdminPage,
  AdminRolesPage,
  CategoryPage,
  ConversationPage,
  DirectoryPage,
  LatestPage,
  MemberProfilePage,
  MessagesPage,
  NewMessagePage,
  NewThreadPage,
  ProfileEditPage,
  RegisterPage,
  SearchPage,
  SecurityPage,
  SettingsPage,
  SignInPage,
  ThreadPage,
  WelcomePage,
  YourDataPage,
  AccountLinkPage,
  NotificationsPage,
  ModerationQueuePage,
  ModerationItemPage,
  ModerationAppealsPage,
  ModerationAuditPage,
  ModerationLogPage,
  NoticesPage,
  ModerationMembersPage,
  ModerationWordsPage,
} from '@client/pages/lazyPages';
import { MessagingLive } from '@client/features/messaging/MessagingLive';

/** The app's pages (their paths are `PATHS` in shared/routes.ts, which the server also knows). */
export function App() {
  const session = useSession();
  return (
    <RealtimeProvider userId={session.user?.id ?? null}>
      <MessagingLive signedIn={Boolean(session.user)} />
      <Routes>
        <Route element={<Layout />}>
          <Route path={PATHS.home} element={<HomePage />} />
          <Route path={PATHS.signIn} element={<SignInPage />} />
          <Route path={PATHS.notifications} element={<NotificationsPage />} />
          <Route path={PATHS.verifyEmail} element={<AccountLinkPage mode="verify" />} />
          <Route path={PATHS.resetPassword} element={<AccountLinkPage mode="reset" />} />
          <Route path={PATHS.confirmEmail} element={<AccountLinkPage mode="confirmEmail" />} />
          <Route path={PATHS.register} element={<RegisterPage />} />
          <Route path={PATHS.settings} element={<SettingsPage />} />
          <Route path={PATHS.messages} element={<MessagesPage />} />
          <Route path={PATHS.newMessage} element={<NewMessagePage />} />
          <Route path={PATHS.conversation} element={<ConversationPage />} />
          <Route path={PATHS.latest} element={<LatestPage />} />
          <Route path={PATHS.newThread} element={<NewThreadPage />} />
          <Route path={PATHS.category} element={<CategoryPage />} />
          <Route path={PATHS.thread} element={<ThreadPage />} />
          <Route path={PATHS.profileEdit} element={<ProfileEditPage />} />
          <Route path={PATHS.yourData} element={<YourDataPage />} />
          <Route path={PATHS.directory} element={<DirectoryPage />} />
          <Route path={PATHS.member} element={<MemberProfilePage />} />
          <Route path={PATHS.security} element={<SecurityPage />} />
          <Route path={PATHS.welcome} element={<WelcomePage />} />
          <Route path={PATHS.adminCategories} element={<CategoryAdminPage />} />
          <Route path={PATHS.adminRoles} element={<AdminRolesPage />} />
          <Route path={PATHS.search} element={<SearchPage />} />
          <Route path={PATHS.moderation} element={<ModerationQueuePage />} />
          <Route path={PATHS.moderationItem} element={<ModerationItemPage />} />
          <Route path={PATHS.moderationAppeals} element={<ModerationAppealsPage />} />
          <Route path={PATHS.moderationAudit} element={<ModerationAuditPage />} />
          <Route path={PATHS.moderationLog} element={<ModerationLogPage />} />
          <Route path={PATHS.notices} element={<NoticesPage />} />
          <Route path={PATHS.moderationMembers} element={<ModerationMembersPage />} />
          <Route path={PATHS.moderationWords} element={<ModerationWordsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RealtimeProvider>
  );
}
