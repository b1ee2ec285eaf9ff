import { lazy } from 'react';

// The form pages carry zod and the shared schemas; most visits only read, so they load on demand.

/** The sign-in page, loaded when first visited. */
export const SignInPage = lazy(() => import('./SignInPage').then((m) => ({ default: m.SignInPage })));

/** The registration page, loaded when first visited. */
export const RegisterPage = lazy(() => import('./RegisterPage').then((m) => ({ default: m.RegisterPage })));

/** The settings page, loaded when first visited. */
export const SettingsPage = lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage })));

/** The inbox, loaded when first visited. */
export const MessagesPage = lazy(() => import('./MessagesPage').then((m) => ({ default: m.MessagesPage })));

/** Starting a conversation, loaded when first visited. */
export const NewMessagePage = lazy(() =>
  import('./NewMessagePage').then((m) => ({ default: m.NewMessagePage })),
);

/** One conversation, loaded when first visited. */
export const ConversationPage = lazy(() =>
  import('./ConversationPage').then((m) => ({ default: m.ConversationPage })),
);

/** A category's page. */
export const CategoryPage = lazy(() => import('./CategoryPage').then((m) => ({ default: m.CategoryPage })));

/** The latest threads. */
export const LatestPage = lazy(() => import('./LatestPage').then((m) => ({ default: m.LatestPage })));

/** A thread's page. */
export const ThreadPage = lazy(() => import('./ThreadPage').then((m) => ({ default: m.ThreadPage })));

/** The new-thread composer. */
export const NewThreadPage = lazy(() =>
  import('./NewThreadPage').then((m) => ({ default: m.NewThreadPage })),
);
/** The peer directory, loaded when first visited. */
export const DirectoryPage = lazy(() =>
  import('./DirectoryPage').then((m) => ({ default: m.DirectoryPage })),
);

/** A member's profile page, loaded when first visited. */
export const MemberProfilePage = lazy(() =>
  import('./MemberProfilePage').then((m) => ({ default: m.MemberProfilePage })),
);

/** The profile edit page, loaded when first visited. */
export const ProfileEditPage = lazy(() =>
  import('./ProfileEditPage').then((m) => ({ default: m.ProfileEditPage })),
);

/** The "your data" page, loaded when first visited. */
export const YourDataPage = lazy(() => import('./YourDataPage').then((m) => ({ default: m.YourDataPage })));

/** Security settings, loaded when first visited. */
export const SecurityPage = lazy(() => import('./SecurityPage').then((m) => ({ default: m.SecurityPage })));

/** The profile review after a first provider sign-in, loaded when first visited. */
export const WelcomePage = lazy(() => import('./WelcomePage').then((m) => ({ default: m.WelcomePage })));

/** Category administration, loaded when first visited. */
export const CategoryAdminPage = lazy(() =>
  import('./CategoryAdminPage').then((m) => ({ default: m.CategoryAdminPage })),
);

/** Search results, loaded when first visited. */
export const SearchPage = lazy(() => import('./SearchPage').then((m) => ({ default: m.SearchPage })));

/** Where account e-mail links lead. */
export const AccountLinkPage = lazy(() =>
  import('./AccountLinkPage').then((m) => ({ default: m.AccountLinkPage })),
);

/** The member's notifications and notification preferences. */
export const NotificationsPage = lazy(() =>
  import('./NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);

/** Staff roles and moderator scopes, loaded when first visited. */
export const AdminRolesPage = lazy(() =>
  import('./AdminRolesPage').then((m) => ({ default: m.AdminRolesPage })),
);
/** The moderation queue (the dashboard's first tab). */
export const ModerationQueuePage = lazy(() =>
  import('./ModerationQueuePage').then((m) => ({ default: m.ModerationQueuePage })),
);

/** One moderation queue item. */
export const ModerationItemPage = lazy(() =>
  import('./ModerationItemPage').then((m) => ({ default: m.ModerationItemPage })),
);

/** Appeals waiting for a decision. */
export const ModerationAppealsPage = lazy(() =>
  import('./ModerationAppealsPage').then((m) => ({ default: m.ModerationAppealsPage })),
);

/** The audit log for staff. */
export const ModerationAuditPage = lazy(() =>
  import('./ModerationAuditPage').then((m) => ({ default: m.ModerationAuditPage })),
);

/** The public moderation log. */
export const ModerationLogPage = lazy(() =>
  import('./ModerationLogPage').then((m) => ({ default: m.ModerationLogPage })),
);

/** A member's moderation notices and appeals. */
export const NoticesPage = lazy(() => import('./NoticesPage').then((m) => ({ default: m.NoticesPage })));
/** Pending membership applications, for global moderators and admins. */
export const ModerationMembersPage = lazy(() =>
  import('./ModerationMembersPage').then((m) => ({ default: m.ModerationMembersPage })),
);

/** The watched words, for global moderators and admins. */
export const ModerationWordsPage = lazy(() =>
  import('./ModerationWordsPage').then((m) => ({ default: m.ModerationWordsPage })),
);
