import { lazy } from 'react';

// The form pages carry zod and the shared schemas; most visits only read, so they load on demand.

/** The sign-in page, loaded when first visited. */
export const SignInPage = lazy(() => import('./SignInPage').then((m) => ({ default: m.SignInPage })));

/** The registration page, loaded when first visited. */
export const RegisterPage = lazy(() => import('./RegisterPage').then((m) => ({ default: m.RegisterPage })));

/** The settings page, loaded when first visited. */
export const SettingsPage = lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage })));

/** Security settings, loaded when first visited. */
export const SecurityPage = lazy(() => import('./SecurityPage').then((m) => ({ default: m.SecurityPage })));

/** The profile review after a first provider sign-in, loaded when first visited. */
export const WelcomePage = lazy(() => import('./WelcomePage').then((m) => ({ default: m.WelcomePage })));
