import type { curationApi } from '@shared/api/curation';
import type { RouteHandlers } from '@server/http/mount';
import type { CurationService } from './curation.service';
import type { ThreadRow } from './thread.queries';
import { presentThread } from './thread.presenter';

/**
 * Moderators' thread tools under `/moderation/threads/:id/…` (staff with a second factor; the service
 * checks the moderator's categories), and the public list of featured threads.
 */
export function curationHandlers(curation: CurationService): RouteHandlers<typeof curationApi> {
  /** After a curation action: answer with the thread (its watchers hear of it through its event). */
  const done = (thread: ThreadRow) => ({ thread: presentThread(thread) });

  return {
    featured: async ({ query, member }) => {
      const page = await curation.featured(member ?? null, query);
      return { items: page.items.map(presentThread), nextCursor: page.nextCursor };
    },
    pin: async ({ member, params, body }) =>
      done(await curation.pin(member, params.id, body.scope, body.reason)),
    unpin: async ({ member, params, body }) => done(await curation.unpin(member, params.id, body.reason)),
    feature: async ({ member, params, body }) =>
      done(await curation.setFeatured(member, params.id, true, body.reason)),
    unfeature: async ({ member, params, body }) =>
      done(await curation.setFeatured(member, params.id, false, body.reason)),
    lock: async ({ member, params, body }) =>
      done(await curation.setLocked(member, params.id, true, body.reason)),
    unlock: async ({ member, params, body }) =>
      done(await curation.setLocked(member, params.id, false, body.reason)),
    close: async ({ member, params, body }) =>
      done(await curation.setClosed(member, params.id, true, body.reason)),
    reopen: async ({ member, params, body }) =>
      done(await curation.setClosed(member, params.id, false, body.reason)),
    slowMode: async ({ member, params, body }) =>
      done(await curation.setSlowMode(member, params.id, body.minutes, body.reason)),
    edit: async ({ member, params, body }) => done(await curation.edit(member, params.id, body)),

    move: async ({ member, params, body }) =>
      done(await curation.move(member, params.id, body.categoryId, body.reason)),

    merge: async ({ member, params, body }) => {
      const { target } = await curation.merge(member, params.id, body.targetId, body.reason);
      return { thread: presentThread(target) };
    },
  };
}
