import type { Database } from '@server/db/pool';
import type { Logger } from '@server/logger';
import type { MemberService } from '@server/members';
import { createCategoryService } from './category.service';
import { createThreadService } from './thread.service';
import { createPostService } from './post.service';
import { createCurationService } from './curation.service';
import { createPostLimits, DEFAULT_POST_LIMITS, type PostLimitSizes } from './post-limits';
import { createViewCounter } from './view-counter';
import { createForumEvents } from './forum.events';
import type { AuthorBadges } from './thread.service';
import { NO_FORUM_HOOKS, type ForumHooks } from './forum.hooks';
import { NO_SCREENING, type PostScreening } from './forum.screening';

/** The forum's services, wired together: categories, threads, posts, view counts and domain events. */
export function createForum(
  db: Database,
  members: MemberService,
  authors: AuthorBadges,
  logger: Logger,
  options: {
    postLimits?: PostLimitSizes;
    redis?: unknown;
    hooks?: ForumHooks;
    /** How often counted thread views are written (tests flush them explicitly instead). */
    viewFlushIntervalMs?: number;
    /** Read when a post is written, so that moderation may be wired after the forum. */
    screening?: () => PostScreening;
  } = {},
) {
  const categories = createCategoryService(db);
  const views = createViewCounter(db, logger, options.viewFlushIntervalMs);
  const events = createForumEvents();
  const deps = {
    db,
    members,
    authors,
    categories,
    limits: createPostLimits(options.postLimits ?? DEFAULT_POST_LIMITS, options.redis),
    views,
    events,
    hooks: options.hooks ?? NO_FORUM_HOOKS,
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
  return { categories, threads, posts, curation, views, events };
}

/** The forum's wired services. */
export type Forum = ReturnType<typeof createForum>;
