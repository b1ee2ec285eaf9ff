import { z } from 'zod';
import type { RouteTable } from '@shared/contract';
import { AppError } from '@server/errors';
import { FORUM_LIMITS } from '@shared/api/threads';
import type { ThreadStatePayload } from '@shared/events';
import type { ThreadRow } from './thread.queries';

/** A body over the limit is refused with 413 and a localized message, before validation. */
function rejectLongBody(body: unknown): void {
  const text = typeof body === 'object' && body !== null ? (body as { body?: unknown }).body : undefined;
  if (typeof text === 'string' && text.length > FORUM_LIMITS.bodyMax) {
    throw new AppError(413, 'post_too_long', { params: { max: FORUM_LIMITS.bodyMax } });
  }
}

/**
 * A forum table as the server mounts it: the routes named refuse a post body over the limit with 413
 * `post_too_long` (naming the limit) before their body is validated, where the shared schema's own
 * maximum would answer a 400. What they accept is unchanged, so the table stays the contract.
 */
export function refusingLongBodies<T extends RouteTable>(table: T, names: readonly (keyof T & string)[]): T {
  const mounted: RouteTable = { ...table };
  for (const name of names) {
    const spec = table[name];
    if (!spec?.body) throw new Error(`route "${name}" takes no body to limit`);
    const body = z.preprocess((value) => {
      rejectLongBody(value);
      return value;
    }, spec.body);
    mounted[name] = { ...spec, body };
  }
  return mounted as T;
}

/** The part of a thread every watcher shares. */
export function threadState(row: ThreadRow): ThreadStatePayload {
  return {
    id: row.id,
    title: row.title,
    tags: row.tags,
    acceptedPostId: row.acceptedPostId,
    postCount: row.postCount,
    replyCount: row.replyCount,
    lastPostAt: row.lastPostAt.toISOString(),
    pinned: row.pinnedAt !== null,
    locked: row.lockedAt !== null,
    categoryId: row.categoryId,
    pinScope: row.pinScope,
    featured: row.featuredAt !== null,
    closed: row.closedAt !== null,
    slowModeMinutes: row.slowModeMinutes,
    mergedInto: row.mergedIntoId,
  };
}
