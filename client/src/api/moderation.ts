import type {
  AuditPage,
  CreateFlagRequest,
  CreateFlagResponse,
  ModerationNoteDto,
  ModeratorListResponse,
  NoticeDto,
  NoticeListResponse,
  PublicLogPage,
  QueueItemResponse,
  QueuePage,
} from '@shared/api/moderation';
import { apiRequest } from './request';

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** `POST /api/v1/flags` */
export const createFlag = (body: CreateFlagRequest) => apiRequest<CreateFlagResponse>('POST', '/flags', body);

/** `GET /api/v1/moderation/queue` */
export const fetchQueue = (filters: Record<string, string | undefined>, cursor?: string) =>
  apiRequest<QueuePage>('GET', `/moderation/queue${query({ ...filters, cursor })}`);

/** `GET /api/v1/moderation/items/:id` */
export const fetchItem = (id: string) =>
  apiRequest<QueueItemResponse>('GET', `/moderation/items/${encodeURIComponent(id)}`);

/** `POST /api/v1/moderation/items/:id/<action>` (also `approve` and `reject` for held posts). */
export const itemAction = (id: string, action: string, body: object = {}) =>
  apiRequest<QueueItemResponse>('POST', `/moderation/items/${encodeURIComponent(id)}/${action}`, body);

/** `POST /api/v1/moderation/items/:id/notes` */
export const addNote = (id: string, body: string) =>
  apiRequest<{ note: ModerationNoteDto }>('POST', `/moderation/items/${encodeURIComponent(id)}/notes`, {
    body,
  });

/** `GET /api/v1/moderation/moderators` */
export const fetchModerators = () => apiRequest<ModeratorListResponse>('GET', '/moderation/moderators');

/** `GET /api/v1/moderation/audit` */
export const fetchAudit = (filters: Record<string, string | undefined>, cursor?: string) =>
  apiRequest<AuditPage>('GET', `/moderation/audit${query({ ...filters, cursor })}`);

/** `GET /api/v1/moderation-log` */
export const fetchPublicLog = (cursor?: string) =>
  apiRequest<PublicLogPage>('GET', `/moderation-log${query({ cursor })}`);

/** `GET /api/v1/notices` */
export const fetchNotices = () => apiRequest<NoticeListResponse>('GET', '/notices');

/** `POST /api/v1/notices/:id/appeal` */
export const appealNotice = (id: string, body: string) =>
  apiRequest<{ notice: NoticeDto }>('POST', `/notices/${encodeURIComponent(id)}/appeal`, { body });
