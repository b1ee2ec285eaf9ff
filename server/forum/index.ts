/**
 * The public module of the forum feature: categories, threads, posts, curation and the digest of the forum.
 * Other features import only from here (`@server/forum`), never its queries, routes or tables; the
 * composition root imports its route handler factories and socket registrations from here too.
 */
export { categoryHandlers } from './category.routes';
export type { CategoryService } from './category.service';
export { createForumModeration, type ForumModeration } from './content-moderation';
export { curationHandlers } from './curation.routes';
export type { CurationService } from './curation.service';
export { createForumDigest, type ForumDigest } from './digest.service';
export { createForum } from './forum';
export { forumData } from './forum.data';
export type { PostScreening, ScreenedContent, ScreenVerdict } from './forum.screening';
export type { PostLimitSizes } from './post-limits';
export { mountedPostApi, postHandlers } from './post.routes';
export { countPublishedPostsOf, type PostService } from './post.service';
export type { ListedThread, PublicContent, PublishedPost } from './public-content.service';
export { actorOf, readableAccess } from './thread.policy';
export { presentPost } from './thread.presenter';
export { mountedThreadApi, threadHandlers } from './thread.routes';
export type { ThreadService } from './thread.service';
export { threadRoomAccess, threadSocket } from './thread.socket';
export type { ViewCounter } from './view-counter';
