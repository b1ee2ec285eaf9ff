import { Router } from 'express';
import {
  adminMemberQuerySchema,
  changeRoleSchema,
  changeScopesSchema,
  type AdminMemberListResponse,
  type AdminMemberResponse,
  type StaffListResponse,
} from '@shared/api/admin';
import { parseInput } from '@server/http/validate';
import { currentMember, requireStaff, type SecondFactorCheck } from '@server/http/guards';
import { idParam } from '@server/forum/forum.http';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { RoleService } from './role.service';
import { presentAdminMember } from './role.presenter';

/**
 * Staff roles and moderator scopes: staff tools (second factor enrolled), for admins. A change can take
 * away what the member may read (moderators-only categories, the staff room), so their sockets' rooms
 * are re-checked before the answer.
 */
export function roleRoutes(
  roles: RoleService,
  twoFactor: SecondFactorCheck,
  broadcaster: Broadcaster,
): Router {
  const router = Router();
  const staffOnly = requireStaff(twoFactor);

  router.get('/admin/staff', staffOnly, async (req, res) => {
    const rows = await roles.staff(currentMember(req));
    const body: StaffListResponse = { items: rows.map(presentAdminMember) };
    res.json(body);
  });

  router.get('/admin/members', staffOnly, async (req, res) => {
    const query = parseInput(adminMemberQuerySchema, req.query);
    const page = await roles.search(currentMember(req), query);
    const body: AdminMemberListResponse = {
      items: page.items.map(presentAdminMember),
      nextCursor: page.nextCursor,
    };
    res.json(body);
  });

  router.put('/admin/members/:id/role', staffOnly, async (req, res) => {
    const input = parseInput(changeRoleSchema, req.body);
    const changed = await roles.changeRole(currentMember(req), idParam(req), input);
    await broadcaster.revalidateMember(changed.member.id);
    const body: AdminMemberResponse = { member: presentAdminMember(changed) };
    res.json(body);
  });

  router.put('/admin/members/:id/scopes', staffOnly, async (req, res) => {
    const input = parseInput(changeScopesSchema, req.body);
    const changed = await roles.changeScopes(currentMember(req), idParam(req), input);
    await broadcaster.revalidateMember(changed.member.id);
    const body: AdminMemberResponse = { member: presentAdminMember(changed) };
    res.json(body);
  });
  return router;
}
