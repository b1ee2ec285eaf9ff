import type { AuthorDto, PostDto, ReactionKind, ThreadDto } from '@shared/api/threads';
import { REACTION_KINDS } from '@shared/api/threads';
import type { Role } from '@shared/constants';
import type { VerifiedBadge } from '@shared/api/directory';
import type { ThreadRow } from './thread.queries';
import type { PostRow } from './post.queries';

/** The author's public fields, or null for a former member (the account was deleted). */
export function presentAuthor(row: {
  authorId: string | null;
  authorHandle: string | null;
  authorDisplayName: string | null;
  authorRole: Role | null;
}): AuthorDto | null {
  if (!row.authorId || row.authorHandle === null || row.authorDisplayName === null || !row.authorRole)
    return null;
  return {
    id: row.authorId,
    handle: row.authorHandle,
    displayName: row.authorDisplayName,
    role: row.authorRole,
  };
}

/** A thread row as lists and pages show it to its reader. */
export function presentThread(row: ThreadRow): ThreadDto {
  return {
    id: row.id,
    categoryId: row.categoryId,
    categorySlug: row.categorySlug,
    kind: row.kind,
    title: row.title,
    lang: row.lang,
    tags: row.tags,
    author: presentAuthor(row),
    acceptedPostId: row.acceptedPostId,
    postCount: row.postCount,
    replyCount: row.replyCount,
    viewCount: Number(row.viewCount),
    lastPostAt: row.lastPostAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    pinned: row.pinnedAt !== null,
    pinScope: row.pinScope,
    featured: row.featuredAt !== null,
    locked: row.lockedAt !== null,
    closed: row.closedAt !== null,
    slowModeMinutes: row.slowModeMinutes,
    mergedInto: row.mergedIntoId,
    following: row.following,
    lastReadSeq: row.lastReadSeq ?? 0,
    unreadCount:
      row.lastReadSeq === null ? 0 : Math.max(0, row.postCount - row.lastReadSeq - row.pendingUnread),
    hidden: row.hiddenReason,
    deleted: row.deletedAt !== null,
  };
}

/** Reaction counts with every kind present. */
export function emptyReactions(): Record<ReactionKind, number> {
  return Object.fromEntries(REACTION_KINDS.map((kind) => [kind, 0])) as Record<ReactionKind, number>;
}

/**
 * Who sees the text of hidden posts: the category's moderators and each post's author. Everyone else
 * gets a placeholder.
 */
export function revealTo(readerId: string | null | undefined, moderates: boolean) {
  return (row: { authorId: string | null }): boolean =>
    moderates || (readerId != null && row.authorId === readerId);
}

/**
 * A post row as a viewer sees it; a deleted post keeps only its place in the tree, and so does a hidden
 * one unless `reveal` says this viewer may read it (the default: broadcasts reveal nothing).
 */
export function presentPost(
  row: PostRow,
  reactions: Record<ReactionKind, number> = emptyReactions(),
  badges?: Map<string, VerifiedBadge>,
  reveal: (row: PostRow) => boolean = () => false,
): PostDto {
  const blank = row.deletedAt !== null || (row.hiddenAt !== null && !reveal(row));
  const found = presentAuthor(row);
  const author = found && badges ? { ...found, verified: badges.get(found.id) ?? null } : found;
  return {
    id: row.id,
    threadId: row.threadId,
    parentId: row.parentId,
    seq: row.seq,
    depth: row.path.length - 1,
    author: blank ? null : author,
    html: blank ? '' : row.bodyHtml,
    source: blank ? '' : row.bodySource,
    deleted: row.deletedAt !== null,
    edited: row.editCount > 0,
    editedAt: blank ? null : (row.editedAt?.toISOString() ?? null),
    createdAt: row.createdAt.toISOString(),
    reactions: blank ? emptyReactions() : reactions,
    lang: row.lang,
    replyCount: row.replyCount,
    hidden: row.hiddenReason,
  };
}
