import { lazy } from 'react';

// The form pages carry zod and the shared schemas; most visits only read, so they load on demand.

/** The sign-in page, loaded when first visited. */
export const SignInPage = lazy(() => import('./SignInPage').then((m) => ({ default: m.SignInPage })));

/** The registration page, loaded when first visited. */
export const RegisterPage = lazy(() => import('./RegisterPage').then((m) => ({ default: m.RegisterPage })));

/** The settings page, loaded when first visited. */
export const SettingsPage = lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage })));

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
