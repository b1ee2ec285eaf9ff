import { expect } from 'chai';
import { partialMatchKey } from '@tanstack/react-query';
import { queryKeys as keys } from '@client/api/queryKeys';

type Key = readonly unknown[];

/** Every query key the client caches under, with sample arguments (two values where a key varies). */
const queries: Record<string, Key> = {
  session: keys.session,
  'categories en': keys.categories.list('en'),
  'categories fr': keys.categories.list('fr'),
  'category a en': keys.categories.detail('a', 'en'),
  'admin categories en': keys.categories.adminList('en'),
  'admin categories fr': keys.categories.adminList('fr'),
  'threads all en': keys.threads.list(null, 'latest', 'en'),
  'threads a fr': keys.threads.list('a', 'latest', 'fr'),
  'featured en': keys.threads.featured('en'),
  'featured fr': keys.threads.featured('fr'),
  't1 threaded': keys.threads.view('t1', 'threaded'),
  't1 chronological': keys.threads.view('t1', 'chronological'),
  't2 threaded': keys.threads.view('t2', 'threaded'),
  'held t1': keys.threads.heldPosts('t1'),
  'held t2': keys.threads.heldPosts('t2'),
  'merge targets': keys.threads.mergeTargets('x'),
  'revisions p1': keys.posts.revisions('p1'),
  suggestions: keys.search.suggestions('x'),
  results: keys.search.results('q=x'),
  members: keys.directory.members('q=x'),
  'profile ana': keys.directory.profile('ana'),
  'profile bo': keys.directory.profile('bo'),
  'own profile': keys.directory.ownProfile,
  'notifications unread': keys.notifications.unread,
  'notifications list': keys.notifications.list,
  'notification preferences': keys.notifications.preferences,
  'messaging unread': keys.messaging.unread,
  inbox: keys.messaging.list('inbox'),
  requests: keys.messaging.list('requests'),
  'conversation c1': keys.messaging.conversation('c1'),
  'conversation c2': keys.messaging.conversation('c2'),
  sessions: keys.security.sessions,
  identities: keys.security.identities,
  'two factor': keys.security.twoFactor,
  reauthentication: keys.security.reauthentication,
  'queue active': keys.moderation.queue({ status: 'active' }),
  'queue closed': keys.moderation.queue({ status: 'closed' }),
  'item i1': keys.moderation.item('i1'),
  'item i2': keys.moderation.item('i2'),
  moderators: keys.moderation.moderators,
  audit: keys.moderation.audit({ action: 'hide' }),
  'public log': keys.moderation.publicLog,
  applications: keys.moderation.applications,
  'watched words en': keys.moderation.watchedWords('en'),
  'watched words fr': keys.moderation.watchedWords('fr'),
  notices: keys.moderation.notices,
  staff: keys.admin.staff,
  'member search none': keys.admin.memberSearch(null),
  'member search x': keys.admin.memberSearch('x'),
};

/** What each prefix the client invalidates by reaches: these queries and no others. */
const reaches: [string, Key, string[]][] = [
  ['categories.lists', keys.categories.lists, ['categories en', 'categories fr']],
  ['categories.adminLists', keys.categories.adminLists, ['admin categories en', 'admin categories fr']],
  ['threads.lists', keys.threads.lists, ['threads all en', 'threads a fr']],
  ['threads.featuredLists', keys.threads.featuredLists, ['featured en', 'featured fr']],
  ['threads.detail', keys.threads.detail('t1'), ['t1 threaded', 't1 chronological']],
  ['threads.view', keys.threads.view('t1', 'chronological'), ['t1 chronological']],
  ['threads.heldPosts', keys.threads.heldPosts('t1'), ['held t1']],
  ['directory.profiles', keys.directory.profiles, ['profile ana', 'profile bo']],
  ['notifications.list', keys.notifications.list, ['notifications list']],
  ['notifications.unread', keys.notifications.unread, ['notifications unread']],
  [
    'messaging.all',
    keys.messaging.all,
    ['messaging unread', 'inbox', 'requests', 'conversation c1', 'conversation c2'],
  ],
  ['messaging.lists', keys.messaging.lists, ['inbox', 'requests']],
  ['messaging.conversation', keys.messaging.conversation('c1'), ['conversation c1']],
  ['security.all', keys.security.all, ['sessions', 'identities', 'two factor', 'reauthentication']],
  ['moderation.queues', keys.moderation.queues, ['queue active', 'queue closed']],
  ['moderation.watchedWordLists', keys.moderation.watchedWordLists, ['watched words en', 'watched words fr']],
  ['admin.memberSearches', keys.admin.memberSearches, ['member search none', 'member search x']],
];

describe('query keys', () => {
  it('gives every query its own cache entry', () => {
    const hashes = Object.values(queries).map((key) => JSON.stringify(key));
    expect(new Set(hashes).size).to.equal(hashes.length);
  });

  for (const [name, prefix, expected] of reaches) {
    it(`${name} invalidates exactly its own queries`, () => {
      const hit = Object.keys(queries).filter((query) => partialMatchKey(queries[query]!, prefix));
      expect(hit).to.have.members(expected);
    });
  }

  it('a plain key matches only itself', () => {
    for (const [name, key] of Object.entries(queries)) {
      const hit = Object.keys(queries).filter((query) => partialMatchKey(queries[query]!, key));
      expect(hit, name).to.deep.equal([name]);
    }
  });
});
