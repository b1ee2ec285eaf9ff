/** Staff roles and moderator scopes, managed by admins. */
import { z } from 'zod';
import { LIMITS, ROLES, type MemberStatus, type Role } from '../constants';
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
export interface AdminMemberDto {
  id: string;
  handle: string;
  displayName: string;
  email: string;
  role: Role;
  status: MemberStatus;
  /** The categories a scoped moderator moderates; null = every category (and for non-moderators). */
  scopes: string[] | null;
  /** Whether the member has a second factor (staff tools need one). */
  twoFactorEnabled: boolean;
}

/** `GET /api/v1/admin/staff`: every moderator and admin. */
export interface StaffListResponse {
  items: AdminMemberDto[];
}

/** `GET /api/v1/admin/members`. */
export interface AdminMemberListResponse {
  items: AdminMemberDto[];
  nextCursor: string | null;
}

/** Answer of the role and scope changes. */
export interface AdminMemberResponse {
  member: AdminMemberDto;
}
