import { isStaffRole } from '@shared/constants';
import type { MemberRow } from './member.queries';

/** Only active members write: pending members are awaiting approval, suspended ones are barred. */
export function canWrite(member: Pick<MemberRow, 'status'>): boolean {
  return member.status === 'active';
}

/** Moderators and admins may use staff tools. */
export function isStaff(member: Pick<MemberRow, 'role'>): boolean {
  return isStaffRole(member.role);
}
