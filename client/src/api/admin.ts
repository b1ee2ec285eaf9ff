import { roleApi, type ChangeRoleRequest, type ChangeScopesRequest } from '@shared/api/admin';
import { call } from './call';

/** Moderators and admins with their scopes (admins). */
export const listStaff = () => call(roleApi.staff);

/** Members by name, handle or e-mail, a page at a time (admins). */
export const findMembers = (q: string, cursor?: string) => call(roleApi.members, { query: { q, cursor } });

/** Gives a member a role (admins). */
export const changeRole = (id: string, body: ChangeRoleRequest) =>
  call(roleApi.changeRole, { params: { id }, body });

/** Limits a moderator to some categories; empty = every category (admins). */
export const changeScopes = (id: string, body: ChangeScopesRequest) =>
  call(roleApi.changeScopes, { params: { id }, body });
