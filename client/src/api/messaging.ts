import type {
  AddMembersRequest,
  ConversationListResponse,
  ConversationResponse,
  MessagePageResponse,
  MessageResponse,
  ReportReason,
  StartConversationRequest,
  UnreadResponse,
} from '@shared/api/messaging';
import { apiRequest } from './request';

const base = (id: string) => `/conversations/${encodeURIComponent(id)}`;

/** `GET /api/v1/conversations` */
export const listConversations = (tab: 'inbox' | 'requests') =>
  apiRequest<ConversationListResponse>('GET', `/conversations?tab=${tab}`);

/** `GET /api/v1/conversations/unread` */
export const fetchUnread = () => apiRequest<UnreadResponse>('GET', '/conversations/unread');

/** `POST /api/v1/conversations` */
export const startConversation = (body: StartConversationRequest) =>
  apiRequest<ConversationResponse>('POST', '/conversations', body);

/** `GET /api/v1/conversations/:id` */
export const fetchConversation = (id: string) => apiRequest<ConversationResponse>('GET', base(id));

/** `GET /api/v1/conversations/:id/messages`: `afterSeq` to catch up, `beforeSeq` for older history. */
export const fetchMessages = (
  id: string,
  query: { afterSeq?: number; beforeSeq?: number; limit?: number },
) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return apiRequest<MessagePageResponse>('GET', `${base(id)}/messages?${params.toString()}`);
};

/** `POST /api/v1/conversations/:id/messages` */
export const sendMessage = (id: string, body: string, clientId: string) =>
  apiRequest<MessageResponse>('POST', `${base(id)}/messages`, { body, clientId });

/** `PATCH /api/v1/conversations/:id/messages/:messageId` */
export const editMessage = (id: string, messageId: string, body: string) =>
  apiRequest<MessageResponse>('PATCH', `${base(id)}/messages/${messageId}`, { body });

/** `DELETE /api/v1/conversations/:id/messages/:messageId` */
export const deleteMessage = (id: string, messageId: string) =>
  apiRequest<MessageResponse>('DELETE', `${base(id)}/messages/${messageId}`);

/** `POST /api/v1/conversations/:id/messages/:messageId/report` */
export const reportMessage = (id: string, messageId: string, reason: ReportReason) =>
  apiRequest<{ report: { id: string } }>('POST', `${base(id)}/messages/${messageId}/report`, { reason });

/** `POST /api/v1/conversations/:id/read` */
export const markRead = (id: string, seq: number) =>
  apiRequest<undefined>('POST', `${base(id)}/read`, { seq });

/** `POST /api/v1/conversations/:id/accept` */
export const acceptRequest = (id: string) => apiRequest<ConversationResponse>('POST', `${base(id)}/accept`);

/** `POST /api/v1/conversations/:id/decline` */
export const declineRequest = (id: string) => apiRequest<undefined>('POST', `${base(id)}/decline`);

/** `POST /api/v1/conversations/:id/members`: adds people to a group (they see what is said from then on). */
export const addMembers = (id: string, body: AddMembersRequest) =>
  apiRequest<ConversationResponse>('POST', `${base(id)}/members`, body);

/** `POST /api/v1/conversations/:id/leave` */
export const leaveConversation = (id: string) => apiRequest<undefined>('POST', `${base(id)}/leave`);

/** `PUT /api/v1/conversations/:id/mute` */
export const muteConversation = (id: string, muted: boolean) =>
  apiRequest<ConversationResponse>('PUT', `${base(id)}/mute`, { muted });

/** `POST /api/v1/blocks` */
export const blockMember = (memberId: string) => apiRequest<unknown>('POST', '/blocks', { memberId });
