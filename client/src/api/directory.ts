import type {
  DirectoryResponse,
  MemberProfileResponse,
  OwnProfileResponse,
  UpdateProfileRequest,
} from '@shared/api/directory';
import { CSRF_HEADER } from '@shared/constants';
import type { SessionResponse } from '@shared/api/session';
import { ApiError, isErrorEnvelope } from './errors';
import { queryClient } from './queryClient';
import { SESSION_KEY, refreshSession } from './session';
import { apiRequest } from './request';

/** `GET /api/v1/members?…` with the directory's URL parameters as they are. */
export const listMembers = (search: string) =>
  apiRequest<DirectoryResponse>('GET', `/members${search ? `?${search}` : ''}`);

/** `GET /api/v1/members/:handle` */
export const getMember = (handle: string) =>
  apiRequest<MemberProfileResponse>('GET', `/members/${encodeURIComponent(handle)}`);

/** `GET /api/v1/me/profile` */
export const getOwnProfile = () => apiRequest<OwnProfileResponse>('GET', '/me/profile');

/** `PATCH /api/v1/me/profile` */
export const updateProfile = (body: UpdateProfileRequest) =>
  apiRequest<OwnProfileResponse>('PATCH', '/me/profile', body);

/** `DELETE /api/v1/me/avatar` */
export const removeAvatar = () => apiRequest<OwnProfileResponse>('DELETE', '/me/avatar');

/** `DELETE /api/v1/me`: deletes the account for good. */
export const deleteAccount = (confirmHandle: string) =>
  apiRequest<undefined>('DELETE', '/me', { confirmHandle });

/** The address of the data archive download (`GET /api/v1/me/export`). */
export const EXPORT_URL = '/api/v1/me/export';

/** `PUT /api/v1/me/avatar` with the image file as the request body. */
export async function uploadAvatar(file: File): Promise<OwnProfileResponse> {
  const session = queryClient.getQueryData<SessionResponse>(SESSION_KEY) ?? (await refreshSession());
  const response = await fetch('/api/v1/me/avatar', {
    method: 'PUT',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Content-Type': file.type || 'application/octet-stream',
      [CSRF_HEADER]: session.csrfToken,
    },
    body: file,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as OwnProfileResponse;
  if (isErrorEnvelope(body)) throw new ApiError(response.status, body.error);
  throw new ApiError(response.status, { code: 'network', message: response.statusText });
}
