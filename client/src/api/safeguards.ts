import { safeguardApi, type CreateWatchedWordRequest } from '@shared/api/safeguards';
import type { Locale } from '@shared/constants';
import { call } from './call';

/** `GET /api/v1/moderation/applications` */
export const fetchApplications = (cursor?: string) => call(safeguardApi.applications, { query: { cursor } });

/** `POST /api/v1/moderation/applications/:id/approve` */
export const approveApplication = (id: string) => call(safeguardApi.approveApplication, { params: { id } });

/** `POST /api/v1/moderation/applications/:id/decline` */
export const declineApplication = (id: string, reason: string) =>
  call(safeguardApi.declineApplication, { params: { id }, body: { reason } });

/** `GET /api/v1/moderation/held-posts?threadId=` */
export const fetchHeldPosts = (threadId: string) => call(safeguardApi.heldPosts, { query: { threadId } });

/** `POST /api/v1/moderation/items/:id/approve`, naming the version of the text the moderator read. */
export const approveItem = (id: string, version: number) =>
  call(safeguardApi.approveItem, { params: { id }, body: { version } });

/** `POST /api/v1/moderation/items/:id/reject` */
export const rejectItem = (id: string, reason: string) =>
  call(safeguardApi.rejectItem, { params: { id }, body: { reason } });

/** `GET /api/v1/moderation/watched-words?lang=` */
export const fetchWatchedWords = (lang: Locale) => call(safeguardApi.watchedWords, { query: { lang } });

/** `POST /api/v1/moderation/watched-words` */
export const addWatchedWord = (body: CreateWatchedWordRequest) => call(safeguardApi.addWatchedWord, { body });

/** `DELETE /api/v1/moderation/watched-words/:id` */
export const deleteWatchedWord = (id: string) => call(safeguardApi.removeWatchedWord, { params: { id } });
