import type {
  AdminCategoryListResponse,
  CategoryResponse,
  CreateCategoryRequest,
  UpdateCategoryRequest,
} from '@shared/api/categories';
import type {
  AcceptRequest,
  CreatePostRequest,
  CreateThreadRequest,
  CreateThreadResponse,
  MissedPostsResponse,
  PostResponse,
  PreviewResponse,
  ReactionKind,
  ReactionResponse,
  RevisionListResponse,
  ThreadListResponse,
  ThreadResponse,
  ThreadSort,
  ThreadView,
} from '@shared/api/threads';
import { apiRequest } from './request';

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** `GET /api/v1/admin/categories` (admins): every category with its text in every language. */
export const listAdminCategories = () => apiRequest<AdminCategoryListResponse>('GET', '/admin/categories');

/** `POST /api/v1/categories` (admins) */
export const createCategory = (body: CreateCategoryRequest) =>
  apiRequest<CategoryResponse>('POST', '/categories', body);

/** `PATCH /api/v1/categories/:id` (admins): edit, reorder, archive or restore. */
export const updateCategory = (id: string, body: UpdateCategoryRequest) =>
  apiRequest<CategoryResponse>('PATCH', `/categories/${encodeURIComponent(id)}`, body);

/** `GET /api/v1/categories/:slug` */
export const getCategory = (slug: string) =>
  apiRequest<CategoryResponse>('GET', `/categories/${encodeURIComponent(slug)}`);

/** `GET /api/v1/categories/:slug/threads`, or `GET /api/v1/threads` across categories without a slug. */
export const listThreads = (slug: string | undefined, sort: ThreadSort, cursor?: string) =>
  apiRequest<ThreadListResponse>(
    'GET',
    `${slug ? `/categories/${encodeURIComponent(slug)}/threads` : '/threads'}${query({ sort, cursor })}`,
  );

/** `GET /api/v1/threads/:id` */
export const getThread = (id: string, view: ThreadView, cursor?: string) =>
  apiRequest<ThreadResponse>(
    'GET',
    `/threads/${encodeURIComponent(id)}${query({ view, cursor, limit: 200 })}`,
  );

/** `GET /api/v1/threads/:id/posts?afterSeq=` */
export const missedPosts = (id: string, afterSeq: number) =>
  apiRequest<MissedPostsResponse>('GET', `/threads/${encodeURIComponent(id)}/posts${query({ afterSeq })}`);

/** `POST /api/v1/threads` */
export const createThread = (body: CreateThreadRequest) =>
  apiRequest<CreateThreadResponse>('POST', '/threads', body);

/** `POST /api/v1/threads/:id/posts` */
export const createPost = (threadId: string, body: CreatePostRequest) =>
  apiRequest<PostResponse>('POST', `/threads/${encodeURIComponent(threadId)}/posts`, body);

/** `PATCH /api/v1/posts/:id` */
export const editPost = (id: string, body: string) =>
  apiRequest<PostResponse>('PATCH', `/posts/${id}`, { body });

/** `DELETE /api/v1/posts/:id` */
export const deletePost = (id: string) => apiRequest<PostResponse>('DELETE', `/posts/${id}`);

/** `POST /api/v1/posts/:id/reactions` */
export const react = (id: string, kind: ReactionKind) =>
  apiRequest<ReactionResponse>('POST', `/posts/${id}/reactions`, { kind });

/** `POST /api/v1/threads/:id/accept` */
export const acceptAnswer = (threadId: string, body: AcceptRequest) =>
  apiRequest<ThreadResponse>('POST', `/threads/${threadId}/accept`, body);

/** `PUT|DELETE /api/v1/threads/:id/follow` */
export const setFollowing = (threadId: string, following: boolean) =>
  apiRequest<unknown>(following ? 'PUT' : 'DELETE', `/threads/${threadId}/follow`);

/** `PUT /api/v1/threads/:id/read` */
export const markRead = (threadId: string, seq: number) =>
  apiRequest<{ lastReadSeq: number }>('PUT', `/threads/${threadId}/read`, { seq });

/** `POST /api/v1/preview` */
export const preview = (body: string) => apiRequest<PreviewResponse>('POST', '/preview', { body });

/** `GET /api/v1/posts/:id/revisions`: earlier versions, for the author and moderators. */
export const listRevisions = (postId: string) =>
  apiRequest<RevisionListResponse>('GET', `/posts/${encodeURIComponent(postId)}/revisions`);
