import type { Database } from '@server/db/pool';
import type { Logger } from '@server/logger';
import type { MemberService } from '@server/members';
import { createCategoryService } from './category.service';
import { createThreadService } from './thread.service';
import { createPostService } from './post.service';
import { createCurationService } from './curation.service';
import { createPublicContent } from './public-content.service';
import { createPostLimits, DEFAULT_POST_LIMITS, type PostLimitSizes } from './post-limits';
import { createViewCounter } from './view-counter';
import type { AuthorBadges } from './thread.service';
import { NO_SCREENING, type PostScreening } from './forum.screening';

/**
 * The forum's services, wired together: categories, threads, posts, view counts and what visitors may
 * read (sitemaps, feeds, previews). `db` must be the event pipeline's database: the services record
 * what happened in their transactions.
 */
export function createForum(
  db: Database,
  members: MemberService,
  authors: AuthorBadges,
  logger: Logger,
  options: {
    postLimits?: PostLimitSizes;
    redis?: unknown;
    /** Start of the posting limits' Redis keys (`REDIS_PREFIX`:rl). */
    redisKeyPrefix?: string;
    /** How often counted thread views are written (tests flush them explicitly instead). */
    viewFlushIntervalMs?: number;
    /** Read when a post is written, so that moderation may be wired after the forum. */
    screening?: () => PostScreening;
  } = {},
) {
  const categories = createCategoryService(db);
  const views = createViewCounter(db, logger, options.viewFlushIntervalMs);
  const deps = {
    db,
    members,
    authors,
    categories,
    limits: createPostLimits(
      options.postLimits ?? DEFAULT_POST_LIMITS,
      options.redis,
      options.redisKeyPrefix,
    ),
    views,
    screening: {
      screen: (...args) => (options.screening?.() ?? NO_SCREENING).screen(...args),
      record: (...args) => (options.screening?.() ?? NO_SCREENING).record(...args),
      relocated: (...args) => (options.screening?.() ?? NO_SCREENING).relocated(...args),
      revised: (...args) => (options.screening?.() ?? NO_SCREENING).revised(...args),
    } satisfies PostScreening,
  };
  const threads = createThreadService(deps);
  const posts = createPostService(deps, threads);
  const curation = createCurationService({ db, threads, categories, screening: deps.screening });
  const publicContent = createPublicContent(db, threads, categories);
  return { categories, threads, posts, curation, views, publicContent };
}

/** The forum's wired services. */
export type Forum = ReturnType<typeof createForum>;
