/** Staff roles and moderator scopes, managed by admins. */
import { z } from '../zod';
import { LIMITS, MEMBER_STATUSES, ROLES } from '../constants';
import { idParams, route } from '../contract';
import { MODERATION_LIMITS } from '../moderation';

/** How many categories one moderator may be limited to (more is "every category" in practice). */
export const MAX_MODERATOR_SCOPES = 100;

/** `PUT /api/v1/admin/members/:id/role`: the member's new role, and why. */
export const changeRoleSchema = z.strictObject({
  role: z.enum(ROLES),
  reason: z.string().trim().max(MODERATION_LIMITS.reasonMax).optional(),
});
export type ChangeRoleRequest = z.infer<typeof changeRoleSchema>;

/** `PUT /api/v1/admin/members/:id/scopes`: the categories a moderator moderates; empty = every category. */
export const changeScopesSchema = z.strictObject({
  categoryIds: z.array(z.uuid()).max(MAX_MODERATOR_SCOPES),
});
export type ChangeScopesRequest = z.infer<typeof changeScopesSchema>;

/** `GET /api/v1/admin/members`: members by name, handle or e-mail, by cursor. */
export const adminMemberQuerySchema = z.object({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type AdminMemberQuery = z.infer<typeof adminMemberQuerySchema>;

/** A member as admins see them when granting roles. */
export const adminMemberDto = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(MEMBER_STATUSES),
  /** The categories a scoped moderator moderates; null = every category (and for non-moderators). */
  scopes: z.array(z.string()).nullable(),
  /** Whether the member has a second factor (staff tools need one). */
  twoFactorEnabled: z.boolean(),
});
/** A member as admins see them when granting roles. */
export type AdminMemberDto = z.infer<typeof adminMemberDto>;

/** `GET /api/v1/admin/staff`: every moderator and admin. */
export const staffListResponse = z.object({ items: z.array(adminMemberDto) });
/** `GET /api/v1/admin/staff`: every moderator and admin. */
export type StaffListResponse = z.infer<typeof staffListResponse>;

/** `GET /api/v1/admin/members`. */
export const adminMemberListResponse = z.object({
  items: z.array(adminMemberDto),
  nextCursor: z.string().nullable(),
});
/** `GET /api/v1/admin/members`. */
export type AdminMemberListResponse = z.infer<typeof adminMemberListResponse>;

/** Answer of the role and scope changes. */
export const adminMemberResponse = z.object({ member: adminMemberDto });
/** Answer of the role and scope changes. */
export type AdminMemberResponse = z.infer<typeof adminMemberResponse>;

/** Staff roles and moderator scopes: admins only, with a second factor. */
export const roleApi = {
  staff: route({
    method: 'GET',
    path: '/admin/staff',
    summary: 'Every moderator and admin, admins first, with their scopes.',
    access: 'staff',
    response: staffListResponse,
  }),
  members: route({
    method: 'GET',
    path: '/admin/members',
    summary: 'Members found by name, handle or e-mail, for granting a role.',
    access: 'staff',
    query: adminMemberQuerySchema,
    response: adminMemberListResponse,
  }),
  changeRole: route({
    method: 'PUT',
    path: '/admin/members/:id/role',
    summary: 'Gives a member a role; the network always keeps one admin.',
    access: 'staff',
    params: idParams,
    body: changeRoleSchema,
    response: adminMemberResponse,
    errors: ['last_admin'],
  }),
  changeScopes: route({
    method: 'PUT',
    path: '/admin/members/:id/scopes',
    summary: 'Limits a moderator to some categories; none means every category.',
    access: 'staff',
    params: idParams,
    body: changeScopesSchema,
    response: adminMemberResponse,
    errors: ['scopes_for_moderators_only'],
  }),
};
