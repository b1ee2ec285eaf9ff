import type {
  AdminMemberListResponse,
  AdminMemberResponse,
  ChangeRoleRequest,
  ChangeScopesRequest,
  StaffListResponse,
} from '@shared/api/admin';
import { apiRequest } from './request';

/** `GET /api/v1/admin/staff` (admins): moderators and admins with their scopes. */
export const listStaff = () => apiRequest<StaffListResponse>('GET', '/admin/staff');

/** `GET /api/v1/admin/members?q=&cursor=` (admins): members by name, handle or e-mail. */
export const findMembers = (q: string, cursor?: string) => {
  const params = new URLSearchParams({ q });
  if (cursor) params.set('cursor', cursor);
  return apiRequest<AdminMemberListResponse>('GET', `/admin/members?${params.toString()}`);
};

/** `PUT /api/v1/admin/members/:id/role` (admins) */
export const changeRole = (id: string, body: ChangeRoleRequest) =>
  apiRequest<AdminMemberResponse>('PUT', `/admin/members/${encodeURIComponent(id)}/role`, body);

/** `PUT /api/v1/admin/members/:id/scopes` (admins): empty = every category. */
export const changeScopes = (id: string, body: ChangeScopesRequest) =>
  apiRequest<AdminMemberResponse>('PUT', `/admin/members/${encodeURIComponent(id)}/scopes`, body);
