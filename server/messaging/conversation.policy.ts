import type { MembershipRow } from './conversation.queries';

/** Whether a membership makes someone a member: they may read the conversation and be in its room. */
export function isPresent(membership: Pick<MembershipRow, 'state'> | undefined): boolean {
  return membership?.state === 'active' || membership?.state === 'requested';
}

/** Only members who accepted (or started) a conversation write in it. */
export function canSendAs(membership: Pick<MembershipRow, 'state'>): boolean {
  return membership.state === 'active';
}

/** A message's author may edit it within the window, while it is not deleted. */
export function canEditMessage(
  message: { authorId: string | null; createdAt: Date; deletedAt: Date | null },
  memberId: string,
  windowMinutes: number,
  now = Date.now(),
): 'yes' | 'not_author' | 'deleted' | 'too_late' {
  if (message.authorId !== memberId) return 'not_author';
  if (message.deletedAt) return 'deleted';
  if (now - message.createdAt.getTime() > windowMinutes * 60_000) return 'too_late';
  return 'yes';
}
