import type {
  ApplicationListResponse,
  CreateWatchedWordRequest,
  HeldPostListResponse,
  ItemDecisionResponse,
  WatchedWordDto,
  WatchedWordListResponse,
} from '@shared/api/safeguards';
import type { Locale } from '@shared/constants';
import { apiRequest } from './request';

/** `GET /api/v1/moderation/applications` */
export const fetchApplications = (cursor?: string) =>
  apiRequest<ApplicationListResponse>(
    'GET',
    cursor ? `/moderation/applications?cursor=${encodeURIComponent(cursor)}` : '/moderation/applications',
  );

/** `POST /api/v1/moderation/applications/:id/approve` */
export const approveApplication = (id: string) =>
  apiRequest<unknown>('POST', `/moderation/applications/${encodeURIComponent(id)}/approve`);

/** `POST /api/v1/moderation/applications/:id/decline` */
export const declineApplication = (id: string, reason: string) =>
  apiRequest<unknown>('POST', `/moderation/applications/${encodeURIComponent(id)}/decline`, { reason });

/** `GET /api/v1/moderation/held-posts?threadId=` */
export const fetchHeldPosts = (threadId: string) =>
  apiRequest<HeldPostListResponse>('GET', `/moderation/held-posts?threadId=${encodeURIComponent(threadId)}`);

/** `POST /api/v1/moderation/items/:id/approve`, naming the version of the text the moderator read. */
export const approveItem = (id: string, version: number) =>
  apiRequest<ItemDecisionResponse>('POST', `/moderation/items/${encodeURIComponent(id)}/approve`, {
    version,
  });

/** `POST /api/v1/moderation/items/:id/reject` */
export const rejectItem = (id: string, reason: string) =>
  apiRequest<ItemDecisionResponse>('POST', `/moderation/items/${encodeURIComponent(id)}/reject`, { reason });

/** `GET /api/v1/moderation/watched-words?lang=` */
export const fetchWatchedWords = (lang: Locale) =>
  apiRequest<WatchedWordListResponse>('GET', `/moderation/watched-words?lang=${lang}`);

/** `POST /api/v1/moderation/watched-words` */
export const addWatchedWord = (body: CreateWatchedWordRequest) =>
  apiRequest<{ word: WatchedWordDto }>('POST', '/moderation/watched-words', body);

/** `DELETE /api/v1/moderation/watched-words/:id` */
export const deleteWatchedWord = (id: string) =>
  apiRequest<unknown>('DELETE', `/moderation/watched-words/${encodeURIComponent(id)}`);
