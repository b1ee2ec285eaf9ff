import type { roleApi } from '@shared/api/admin';
import type { RouteHandlers } from '@server/http/mount';
import type { RoleService } from './role.service';
import { presentAdminMember } from './role.presenter';

/**
 * Staff roles and moderator scopes: staff tools (second factor enrolled), for admins. A change can take
 * away what the member may read (moderators-only categories, the staff room), so their sockets' rooms
 * are re-checked before the answer.
 */
export function roleHandlers(roles: RoleService): RouteHandlers<typeof roleApi> {
  return {
    staff: async ({ member }) => ({ items: (await roles.staff(member)).map(presentAdminMember) }),
    members: async ({ member, query }) => {
      const page = await roles.search(member, query);
      return { items: page.items.map(presentAdminMember), nextCursor: page.nextCursor };
    },
    changeRole: async ({ member, params, body }) => {
      const changed = await roles.changeRole(member, params.id, body);
      return { member: presentAdminMember(changed) };
    },
    changeScopes: async ({ member, params, body }) => {
      const changed = await roles.changeScopes(member, params.id, body);
      return { member: presentAdminMember(changed) };
    },
  };
}
