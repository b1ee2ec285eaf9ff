import type {
  CurationResponse,
  EditThreadRequest,
  FeaturedThreadsResponse,
  MergeThreadRequest,
  MoveThreadRequest,
  PinThreadRequest,
  SlowModeRequest,
} from '@shared/api/curation';
import { apiRequest } from './request';

const base = (id: string) => `/moderation/threads/${encodeURIComponent(id)}`;

/** Curation actions that take only an optional reason. */
export type SimpleCuration = 'unpin' | 'feature' | 'unfeature' | 'lock' | 'unlock' | 'close' | 'reopen';

/** `POST /api/v1/moderation/threads/:id/{unpin,feature,unfeature,lock,unlock,close,reopen}` */
export const curate = (id: string, action: SimpleCuration, reason?: string) =>
  apiRequest<CurationResponse>('POST', `${base(id)}/${action}`, { reason });

/** `POST /api/v1/moderation/threads/:id/pin` */
export const pinThread = (id: string, body: PinThreadRequest) =>
  apiRequest<CurationResponse>('POST', `${base(id)}/pin`, body);

/** `POST /api/v1/moderation/threads/:id/slow-mode` */
export const setSlowMode = (id: string, body: SlowModeRequest) =>
  apiRequest<CurationResponse>('POST', `${base(id)}/slow-mode`, body);

/** `PATCH /api/v1/moderation/threads/:id`: title and tags. */
export const editThread = (id: string, body: EditThreadRequest) =>
  apiRequest<CurationResponse>('PATCH', base(id), body);

/** `POST /api/v1/moderation/threads/:id/move` */
export const moveThread = (id: string, body: MoveThreadRequest) =>
  apiRequest<CurationResponse>('POST', `${base(id)}/move`, body);

/** `POST /api/v1/moderation/threads/:id/merge`: answers with the target thread. */
export const mergeThread = (id: string, body: MergeThreadRequest) =>
  apiRequest<CurationResponse>('POST', `${base(id)}/merge`, body);

/** `GET /api/v1/threads/featured` */
export const listFeatured = (cursor?: string) =>
  apiRequest<FeaturedThreadsResponse>(
    'GET',
    `/threads/featured${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
