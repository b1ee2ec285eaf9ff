/**
 * The public module of the members feature: member records, roles and the staff policy. Other features
 * import only from here (`@server/members`), never its queries, routes or tables; the composition root
 * imports its route handler factories and socket registrations from here too.
 */
export { accountData } from './member.data';
export { isStaff } from './member.policy';
export { presentSessionUser } from './member.presenter';
export type { MemberRow } from './member.queries';
export {
  activateApplicantInTx,
  assertCanWrite,
  createMemberService,
  declineApplicationInTx,
  deleteMemberInTx,
  findMemberInTx,
  type MemberService,
  updateMemberIdentityInTx,
} from './member.service';
export { grantAdminInTx } from './role.change';
export { roleHandlers } from './role.routes';
export { createRoleService, type RoleService } from './role.service';
