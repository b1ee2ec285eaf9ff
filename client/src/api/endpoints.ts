import type { AuthResponse, LoginRequest, LoginResponse, RegisterRequest } from '@shared/api/auth';
import type {
  ChangePasswordRequest,
  CompleteProfileRequest,
  IdentityListResponse,
  LinkStartResponse,
  ReauthenticateRequest,
  ReauthenticationStatus,
  ReauthProviderRequest,
  RecoveryCodesResponse,
  RevokeOthersResponse,
  SecondFactorRequest,
  SessionListResponse,
  TwoFactorSetupResponse,
  TwoFactorStatus,
} from '@shared/api/security';
import type { UpdateAccountRequest } from '@shared/api/account';
import { categoryApi } from '@shared/api/categories';
import type { Locale } from '@shared/constants';
import { apiRequest } from './request';
import { call } from './call';

/** `POST /api/v1/auth/login` */
export const signIn = (body: LoginRequest) => apiRequest<LoginResponse>('POST', '/auth/login', body);

/** `POST /api/v1/auth/register` */
export const register = (body: RegisterRequest) => apiRequest<AuthResponse>('POST', '/auth/register', body);

/** `POST /api/v1/auth/logout` */
export const signOut = () => apiRequest<undefined>('POST', '/auth/logout');

/** `PUT /api/v1/session/locale` */
export const setSessionLocale = (locale: Locale) =>
  apiRequest<{ locale: Locale }>('PUT', '/session/locale', { locale });

/** `PATCH /api/v1/me` */
export const updateAccount = (body: UpdateAccountRequest) => apiRequest<AuthResponse>('PATCH', '/me', body);

/** The categories the reader may read, named in the session's language. */
export const listCategories = () => call(categoryApi.list);

/** `POST /api/v1/auth/login/second-factor` */
export const signInSecondFactor = (body: SecondFactorRequest) =>
  apiRequest<AuthResponse>('POST', '/auth/login/second-factor', body);

/** `GET /api/v1/me/sessions` */
export const listSessions = () => apiRequest<SessionListResponse>('GET', '/me/sessions');

/** `DELETE /api/v1/me/sessions/:id` */
export const revokeSession = (id: string) =>
  apiRequest<undefined>('DELETE', `/me/sessions/${encodeURIComponent(id)}`);

/** `POST /api/v1/me/sessions/revoke-others` */
export const revokeOtherSessions = () =>
  apiRequest<RevokeOthersResponse>('POST', '/me/sessions/revoke-others');

/** `POST /api/v1/me/password` */
export const changePassword = (body: ChangePasswordRequest) =>
  apiRequest<AuthResponse>('POST', '/me/password', body);

/** `GET /api/v1/me/two-factor` */
export const twoFactorStatus = () => apiRequest<TwoFactorStatus>('GET', '/me/two-factor');

/** `POST /api/v1/me/two-factor/setup` */
export const setUpTwoFactor = () => apiRequest<TwoFactorSetupResponse>('POST', '/me/two-factor/setup');

/** `POST /api/v1/me/two-factor/confirm` */
export const confirmTwoFactor = (code: string) =>
  apiRequest<RecoveryCodesResponse>('POST', '/me/two-factor/confirm', { code });

/** `GET /api/v1/me/reauthentication` */
export const reauthenticationStatus = () => apiRequest<ReauthenticationStatus>('GET', '/me/reauthentication');

/** `POST /api/v1/me/reauthentication` */
export const reauthenticate = (body: ReauthenticateRequest) =>
  apiRequest<ReauthenticationStatus>('POST', '/me/reauthentication', body);

/** `POST /api/v1/me/reauthentication/:provider` */
export const startProviderReauth = (provider: string, returnTo: ReauthProviderRequest['returnTo']) =>
  apiRequest<LinkStartResponse>('POST', `/me/reauthentication/${encodeURIComponent(provider)}`, {
    returnTo,
  });

/** `POST /api/v1/me/two-factor/disable` */
export const disableTwoFactor = () => apiRequest<undefined>('POST', '/me/two-factor/disable');

/** `POST /api/v1/me/two-factor/recovery-codes` */
export const regenerateRecoveryCodes = () =>
  apiRequest<RecoveryCodesResponse>('POST', '/me/two-factor/recovery-codes');

/** `GET /api/v1/me/identities` */
export const listIdentities = () => apiRequest<IdentityListResponse>('GET', '/me/identities');

/** `POST /api/v1/me/identities/:provider/link` */
export const startLink = (provider: string) =>
  apiRequest<LinkStartResponse>('POST', `/me/identities/${encodeURIComponent(provider)}/link`);

/** `DELETE /api/v1/me/identities/:provider` */
export const unlinkIdentity = (provider: string) =>
  apiRequest<undefined>('DELETE', `/me/identities/${encodeURIComponent(provider)}`);

/** `POST /api/v1/me/profile/complete` */
export const completeProfile = (body: CompleteProfileRequest) =>
  apiRequest<AuthResponse>('POST', '/me/profile/complete', body);
