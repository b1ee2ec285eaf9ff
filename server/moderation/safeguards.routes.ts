import type { safeguardApi, WatchedWordDto } from '@shared/api/safeguards';
import type { RouteHandlers } from '@server/http/mount';
import type { ApplicationService } from './application.service';
import type { SafeguardService } from './safeguards.service';
import type { WatchedWordService } from './watched-words.service';
import type { WatchedWordRow } from './watched-words.queries';

const presentWord = (row: WatchedWordRow): WatchedWordDto => ({
  id: row.id,
  lang: row.lang,
  word: row.word,
  action: row.action,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Staff routes of the safeguards: membership applications, decisions on posts the safeguards queued,
 * and the watched words. Every route needs staff with a second factor (the mount's guard); the services
 * check scope.
 */
export function safeguardHandlers(deps: {
  applications: ApplicationService;
  safeguards: SafeguardService;
  words: WatchedWordService;
}): RouteHandlers<typeof safeguardApi> {
  return {
    applications: ({ member, query }) => deps.applications.list(member, query),
    approveApplication: async ({ member, params: { id } }) => {
      await deps.applications.approve(member, id);
      return { id, status: 'active' };
    },
    declineApplication: async ({ member, params: { id }, body }) => {
      await deps.applications.decline(member, id, body.reason);
      return { id, status: 'pending', declined: true };
    },
    heldPosts: async ({ member, query }) => ({ items: await deps.safeguards.held(member, query) }),
    approveItem: async ({ member, params: { id }, body }) => {
      // Readers learn about a held post only now, through the forum's `post.created`.
      await deps.safeguards.approve(member, id, body.version);
      return { id, status: 'resolved', resolution: 'approved' };
    },
    rejectItem: async ({ member, params: { id }, body }) => {
      await deps.safeguards.reject(member, id, body.reason);
      return { id, status: 'resolved', resolution: 'rejected' };
    },
    watchedWords: async ({ member, query }) => {
      const rows = await deps.words.list(member, query.lang);
      return { items: rows.map(presentWord) };
    },
    addWatchedWord: async ({ member, body }) => ({ word: presentWord(await deps.words.add(member, body)) }),
    removeWatchedWord: async ({ member, params }) => {
      await deps.words.remove(member, params.id);
      return undefined;
    },
  };
}
