import type { Executor, Tx } from '@server/db/pool';
import type { MemberRow } from '@server/members';
import type { ContentLang } from '@shared/constants';

/** What a member is about to publish: a new thread (title and opening post) or a reply. */
export interface ScreenedContent {
  member: MemberRow;
  kind: 'thread' | 'reply';
  /** The content's language; `other` is checked against every language's watched words. */
  lang: ContentLang;
  title?: string;
  body: string;
  /** The rendered HTML (links are counted there). */
  html: string;
  /**
   * An edit of something already published: only watched words apply, and a word that would hold a new
   * post flags the edit for review instead (readers already saw it).
   */
  edit?: boolean;
}

/**
 * What the safeguards decided about content that may be published. `hold` keeps it hidden, waiting in
 * the review queue; `flag` publishes it and puts it in the queue all the same.
 */
export interface ScreenVerdict {
  hold: 'new_member_post' | 'watched_word' | null;
  flag: boolean;
  /** The watched words found (for moderators, never for the author). */
  words: string[];
}

/** The post that was written under a verdict, for its queue item. */
export interface ScreenedPost {
  postId: string;
  threadId: string;
  categoryId: string;
  authorId: string;
  kind: 'thread' | 'reply';
  title: string;
  body: string;
  /** The body as rendered (what the moderator reads). */
  html: string;
}

/** A post whose text or thread title changed (inside the edit's transaction): open review items follow. */
export interface RevisedPost {
  postId: string;
  /** Who changed it (the author, or a moderator through the shared routes). */
  editorId: string;
  title?: string;
  body?: string;
  html?: string;
}

/** Content that now lives in another category: a moved thread, or a thread's posts merged elsewhere. */
export interface RelocatedContent {
  threadIds: string[];
  postIds: string[];
  categoryId: string;
}

/**
 * Checks content before the forum writes it (throwing a 422 when it is refused outright) and records
 * what needs review inside the forum's transaction. Implemented by the moderation feature.
 */
export interface PostScreening {
  screen(content: ScreenedContent): Promise<ScreenVerdict>;
  record(tx: Tx, verdict: ScreenVerdict, post: ScreenedPost): Promise<void>;
  /** Review items follow their content to its new category (inside the move's or merge's transaction). */
  relocated(tx: Executor, content: RelocatedContent): Promise<void>;
  /**
   * The post's open review items show its new version, so a moderator decides on what will be published
   * (call after locking the post, inside the edit's transaction).
   */
  revised(tx: Tx, post: RevisedPost): Promise<void>;
}

/** Everything is published as written (the forum on its own, tools). */
export const NO_SCREENING: PostScreening = {
  screen: () => Promise.resolve({ hold: null, flag: false, words: [] }),
  record: () => Promise.resolve(),
  relocated: () => Promise.resolve(),
  revised: () => Promise.resolve(),
};
