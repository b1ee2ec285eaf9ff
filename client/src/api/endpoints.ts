import { authApi, type LoginRequest, type RegisterRequest } from '@shared/api/auth';
import {
  identityApi,
  reauthenticationApi,
  securityApi,
  type ChangePasswordRequest,
  type CompleteProfileRequest,
  type ReauthenticateRequest,
  type ReauthProviderRequest,
  type SecondFactorRequest,
} from '@shared/api/security';
import type { UpdateAccountRequest } from '@shared/api/account';
import { categoryApi } from '@shared/api/categories';
import type { Locale } from '@shared/constants';
import { call } from './call';

/** Signs in with e-mail and password. */
export const signIn = (body: LoginRequest) => call(authApi.login, { body });

/** Creates an account and signs it in. */
export const register = (body: RegisterRequest) => call(authApi.register, { body });

/** Signs out. */
export const signOut = () => call(authApi.logout);

/** Chooses the interface language. */
export const setSessionLocale = (locale: Locale) => call(authApi.setLocale, { body: { locale } });

/** Changes the account's display name or language. */
export const updateAccount = (body: UpdateAccountRequest) => call(authApi.updateAccount, { body });

/** The categories the reader may read, named in the session's language. */
export const listCategories = () => call(categoryApi.list);

/** Completes a sign-in with the second factor. */
export const signInSecondFactor = (body: SecondFactorRequest) => call(authApi.secondFactor, { body });

/** The member's signed-in sessions. */
export const listSessions = () => call(securityApi.sessions);

/** Ends one of the member's sessions. */
export const revokeSession = (id: string) => call(securityApi.revokeSession, { params: { id } });

/** Ends every session but this one. */
export const revokeOtherSessions = () => call(securityApi.revokeOthers);

/** Changes the password. */
export const changePassword = (body: ChangePasswordRequest) => call(securityApi.changePassword, { body });

/** The second factor's state. */
export const twoFactorStatus = () => call(securityApi.twoFactor);

/** Starts enrolling a second factor. */
export const setUpTwoFactor = () => call(securityApi.setUpTwoFactor);

/** Finishes enrolment with the app's first code. */
export const confirmTwoFactor = (code: string) => call(securityApi.confirmTwoFactor, { body: { code } });

/** What the proof of identity asks for. */
export const reauthenticationStatus = () => call(reauthenticationApi.status);

/** Proves who the member is. */
export const reauthenticate = (body: ReauthenticateRequest) =>
  call(reauthenticationApi.reauthenticate, { body });

/** Starts signing in again at a linked provider. */
export const startProviderReauth = (provider: string, returnTo: ReauthProviderRequest['returnTo']) =>
  call(reauthenticationApi.startProvider, { params: { provider }, body: { returnTo } });

/** Turns the second factor off. */
export const disableTwoFactor = () => call(securityApi.disableTwoFactor);

/** New recovery codes. */
export const regenerateRecoveryCodes = () => call(securityApi.regenerateRecoveryCodes);

/** Every provider, and whether it is linked. */
export const listIdentities = () => call(identityApi.list);

/** Starts linking a provider account. */
export const startLink = (provider: string) => call(identityApi.link, { params: { provider } });

/** Removes a linked provider. */
export const unlinkIdentity = (provider: string) => call(identityApi.unlink, { params: { provider } });

/** Saves the profile reviewed after signing up through a provider. */
export const completeProfile = (body: CompleteProfileRequest) => call(identityApi.completeProfile, { body });
