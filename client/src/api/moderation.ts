import type { z } from 'zod';
import type { RouteSpec } from '@shared/contract';
import {
  memberModerationApi,
  moderationApi,
  type auditQuerySchema,
  type CreateFlagRequest,
  type QueueItemResponse,
  type queueQuerySchema,
} from '@shared/api/moderation';
import { safeguardApi } from '@shared/api/safeguards';
import { call } from './call';

/** `POST /api/v1/flags` */
export const createFlag = (body: CreateFlagRequest) => call(memberModerationApi.flag, { body });

/** `GET /api/v1/moderation/queue`: the filters as the page's controls hold them (the server checks each). */
export const fetchQueue = (filters: Record<string, string | undefined>, cursor?: string) =>
  call(moderationApi.queue, { query: { ...(filters as z.input<typeof queueQuerySchema>), cursor } });

/** `GET /api/v1/moderation/items/:id` */
export const fetchItem = (id: string) => call(moderationApi.item, { params: { id } });

/** A route taken on one queue item, whatever its body. */
type ItemRoute = RouteSpec & {
  method: 'POST';
  path: `/moderation/items/:id/${string}`;
  body: z.ZodType;
  response: z.ZodType;
};

/** The routes `itemAction` takes, by the action's name. */
const ITEM_ROUTES: ReadonlyMap<string, ItemRoute> = new Map<string, ItemRoute>([
  ['assign', moderationApi.assign],
  ['dismiss', moderationApi.dismiss],
  ['hide', moderationApi.hide],
  ['unhide', moderationApi.unhide],
  ['delete', moderationApi.delete],
  ['edit', moderationApi.edit],
  ['warn', moderationApi.warn],
  ['suspend', moderationApi.suspend],
  ['reinstate', moderationApi.reinstate],
  ['uphold', moderationApi.uphold],
  ['overturn', moderationApi.overturn],
  ['approve', safeguardApi.approveItem],
  ['reject', safeguardApi.rejectItem],
]);

/**
 * `POST /api/v1/moderation/items/:id/<action>`: the item as it is now. `approve` and `reject` (held
 * posts) answer the decision instead, without `detail`.
 */
export const itemAction = (id: string, action: string, body: object = {}): Promise<QueueItemResponse> => {
  const spec = ITEM_ROUTES.get(action);
  if (!spec) return Promise.reject(new Error(`no action "${action}" on queue items`));
  return call(spec, { params: { id }, body }) as Promise<QueueItemResponse>;
};

/** `POST /api/v1/moderation/items/:id/notes` */
export const addNote = (id: string, body: string) =>
  call(moderationApi.note, { params: { id }, body: { body } });

/** `GET /api/v1/moderation/moderators` */
export const fetchModerators = () => call(moderationApi.moderators);

/** `GET /api/v1/moderation/audit` */
export const fetchAudit = (filters: Record<string, string | undefined>, cursor?: string) =>
  call(moderationApi.audit, { query: { ...(filters as z.input<typeof auditQuerySchema>), cursor } });

/** `GET /api/v1/moderation-log` */
export const fetchPublicLog = (cursor?: string) => call(memberModerationApi.publicLog, { query: { cursor } });

/** `GET /api/v1/notices` */
export const fetchNotices = () => call(memberModerationApi.notices);

/** `POST /api/v1/notices/:id/appeal` */
export const appealNotice = (id: string, body: string) =>
  call(memberModerationApi.appeal, { params: { id }, body: { body } });
