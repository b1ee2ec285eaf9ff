import { roleApi } from '@shared/api/admin';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { RoleService } from './role.service';
import { roleHandlers } from './role.routes';
import { accountData } from './member.data';

/** Members' roles and moderator scopes (the administration of staff). */
export function membersModule(deps: { roles: RoleService; broadcaster: Broadcaster }): FeatureModule {
  return {
    name: 'members',
    routes: [apiRoutes(roleApi, roleHandlers(deps.roles))],
    personalData: [accountData],
    events: {
      // A demotion or narrower scopes: the member's sockets leave the rooms they may no longer be in
      // before the answer.
      afterCommit: { 'member.powers.changed': (event) => deps.broadcaster.revalidateMember(event.memberId) },
    },
  };
}
