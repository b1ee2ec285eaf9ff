import type { AuthResponse, LoginRequest, RegisterRequest } from '@shared/api/auth';
import type { UpdateAccountRequest } from '@shared/api/account';
import type { CategoryListResponse } from '@shared/api/categories';
import type { Locale } from '@shared/constants';
import { apiRequest } from './request';

/** `POST /api/v1/auth/login` */
export const signIn = (body: LoginRequest) => apiRequest<AuthResponse>('POST', '/auth/login', body);

/** `POST /api/v1/auth/register` */
export const register = (body: RegisterRequest) => apiRequest<AuthResponse>('POST', '/auth/register', body);

/** `POST /api/v1/auth/logout` */
export const signOut = () => apiRequest<undefined>('POST', '/auth/logout');

/** `PUT /api/v1/session/locale` */
export const setSessionLocale = (locale: Locale) =>
  apiRequest<{ locale: Locale }>('PUT', '/session/locale', { locale });

/** `PATCH /api/v1/me` */
export const updateAccount = (body: UpdateAccountRequest) => apiRequest<AuthResponse>('PATCH', '/me', body);

/** `GET /api/v1/categories`, named in the session's language. */
export const listCategories = () => apiRequest<CategoryListResponse>('GET', '/categories');
