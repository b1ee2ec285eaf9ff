import { Route, Routes } from 'react-router';
import { PATHS } from '@shared/routes';
import { Layout } from '@client/components/Layout';
import { useSession } from '@client/features/session/useSession';
import { RealtimeProvider } from '@client/realtime/RealtimeProvider';
import { HomePage } from '@client/pages/HomePage';
import { NotFoundPage } from '@client/pages/NotFoundPage';
import { clientOnly } from '@client/components/ClientOnly';
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

/**
 * The app's pages (their paths are `PATHS` in shared/routes.ts, which the server also knows). The public
 * reading pages are rendered on the server in full; the others, which need JavaScript, appear once it runs.
 */
export function App() {
  const session = useSession();
  return (
    <RealtimeProvider userId={session.user?.id ?? null}>
      <MessagingLive signedIn={Boolean(session.user)} />
      <Routes>
        <Route element={<Layout />}>
          <Route path={PATHS.home} element={<HomePage />} />
          <Route path={PATHS.signIn} element={clientOnly(<SignInPage />)} />
          <Route path={PATHS.notifications} element={clientOnly(<NotificationsPage />)} />
          <Route path={PATHS.verifyEmail} element={clientOnly(<AccountLinkPage mode="verify" />)} />
          <Route path={PATHS.resetPassword} element={clientOnly(<AccountLinkPage mode="reset" />)} />
          <Route path={PATHS.confirmEmail} element={clientOnly(<AccountLinkPage mode="confirmEmail" />)} />
          <Route path={PATHS.register} element={clientOnly(<RegisterPage />)} />
          <Route path={PATHS.settings} element={clientOnly(<SettingsPage />)} />
          <Route path={PATHS.messages} element={clientOnly(<MessagesPage />)} />
          <Route path={PATHS.newMessage} element={clientOnly(<NewMessagePage />)} />
          <Route path={PATHS.conversation} element={clientOnly(<ConversationPage />)} />
          <Route path={PATHS.latest} element={<LatestPage />} />
          <Route path={PATHS.newThread} element={clientOnly(<NewThreadPage />)} />
          <Route path={PATHS.category} element={<CategoryPage />} />
          <Route path={PATHS.thread} element={<ThreadPage />} />
          <Route path={PATHS.profileEdit} element={clientOnly(<ProfileEditPage />)} />
          <Route path={PATHS.yourData} element={clientOnly(<YourDataPage />)} />
          <Route path={PATHS.directory} element={<DirectoryPage />} />
          <Route path={PATHS.member} element={<MemberProfilePage />} />
          <Route path={PATHS.security} element={clientOnly(<SecurityPage />)} />
          <Route path={PATHS.welcome} element={clientOnly(<WelcomePage />)} />
          <Route path={PATHS.adminCategories} element={clientOnly(<CategoryAdminPage />)} />
          <Route path={PATHS.adminRoles} element={clientOnly(<AdminRolesPage />)} />
          <Route path={PATHS.search} element={<SearchPage />} />
          <Route path={PATHS.moderation} element={clientOnly(<ModerationQueuePage />)} />
          <Route path={PATHS.moderationItem} element={clientOnly(<ModerationItemPage />)} />
          <Route path={PATHS.moderationAppeals} element={clientOnly(<ModerationAppealsPage />)} />
          <Route path={PATHS.moderationAudit} element={clientOnly(<ModerationAuditPage />)} />
          <Route path={PATHS.moderationLog} element={<ModerationLogPage />} />
          <Route path={PATHS.notices} element={clientOnly(<NoticesPage />)} />
          <Route path={PATHS.moderationMembers} element={clientOnly(<ModerationMembersPage />)} />
          <Route path={PATHS.moderationWords} element={clientOnly(<ModerationWordsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RealtimeProvider>
  );
}
