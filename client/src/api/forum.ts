import { categoryApi, type CreateCategoryRequest, type UpdateCategoryRequest } from '@shared/api/categories';
import {
  postApi,
  threadApi,
  type AcceptRequest,
  type CreatePostRequest,
  type CreateThreadRequest,
  type ReactionKind,
  type ThreadSort,
  type ThreadView,
} from '@shared/api/threads';
import { call } from './call';

/** Every category with its text in every language (admins). */
export const listAdminCategories = () => call(categoryApi.adminList);

/** Creates a category (admins). */
export const createCategory = (body: CreateCategoryRequest) => call(categoryApi.create, { body });

/** Edits, reorders, archives or restores a category (admins). */
export const updateCategory = (id: string, body: UpdateCategoryRequest) =>
  call(categoryApi.update, { params: { id }, body });

/** One category by its slug. */
export const getCategory = (slug: string) => call(categoryApi.get, { params: { slug } });

/** Threads of one category, or of every category without a slug, a page at a time. */
export const listThreads = (slug: string | undefined, sort: ThreadSort, cursor?: string) =>
  slug
    ? call(threadApi.categoryThreads, { params: { slug }, query: { sort, cursor } })
    : call(threadApi.list, { query: { sort, cursor } });

/** One thread with a page of its posts in the chosen view. */
export const getThread = (id: string, view: ThreadView, cursor?: string) =>
  call(threadApi.page, { params: { id }, query: { view, cursor, limit: 200 } });

/** The posts of a thread after `afterSeq`: what a reconnecting reader missed. */
export const missedPosts = (id: string, afterSeq: number) =>
  call(threadApi.missed, { params: { id }, query: { afterSeq } });

/** Starts a thread. */
export const createThread = (body: CreateThreadRequest) => call(threadApi.create, { body });

/** Replies in a thread. */
export const createPost = (threadId: string, body: CreatePostRequest) =>
  call(threadApi.reply, { params: { id: threadId }, body });

/** Edits a post. */
export const editPost = (id: string, body: string) => call(postApi.edit, { params: { id }, body: { body } });

/** Deletes a post. */
export const deletePost = (id: string) => call(postApi.remove, { params: { id } });

/** Gives or takes back one reaction on a post. */
export const react = (id: string, kind: ReactionKind) =>
  call(postApi.react, { params: { id }, body: { kind } });

/** Accepts a reply as the answer, or unaccepts with `postId: null`. */
export const acceptAnswer = (threadId: string, body: AcceptRequest) =>
  call(threadApi.accept, { params: { id: threadId }, body });

/** Follows a thread, or stops following it. */
export const setFollowing = (threadId: string, following: boolean) =>
  call(following ? threadApi.follow : threadApi.unfollow, { params: { id: threadId } });

/** Moves the member's read position in a thread forward. */
export const markRead = (threadId: string, seq: number) =>
  call(threadApi.read, { params: { id: threadId }, body: { seq } });

/** Renders a draft as it would be stored. */
export const preview = (body: string) => call(postApi.preview, { body: { body } });

/** Earlier versions of a post, for the author and moderators. */
export const listRevisions = (postId: string) => call(postApi.revisions, { params: { id: postId } });
