import type { Locale } from '@shared/constants';
import type { ThreadSort, ThreadView } from '@shared/api/threads';

/**
 * Every query key of the client, from one place. Each feature has its own root, and the keys under it
 * nest: a prefix listed here (`threads.lists`, `threads.detail(id)`, `security.all`…) matches, in
 * `invalidateQueries` and the like, exactly the keys built from it below and nothing else. A leaf's comment
 * names the contract operation whose answer it caches.
 *
 * Keys are plain arrays of strings, numbers, null and plain objects: TanStack Query hashes them as JSON.
 */
export const queryKeys = {
  /** `authApi.session`: who is signed in, the CSRF token and the language. */
  session: ['session'] as const,

  categories: {
    /** Every language's public category list: what changing a category makes stale. */
    lists: ['categories', 'list'] as const,
    /** `categoryApi.list` in one language. */
    list: (locale: string) => ['categories', 'list', locale] as const,
    /** `categoryApi.get`: one category's page in one language. */
    detail: (slug: string, locale: string) => ['categories', 'detail', slug, locale] as const,
    /** Every language's staff list of categories (with every translation). */
    adminLists: ['categories', 'admin'] as const,
    /** `categoryApi.adminList` in one language. */
    adminList: (locale: string) => ['categories', 'admin', locale] as const,
  },

  threads: {
    /** Every thread list (every category, sort and language): what curation makes stale. */
    lists: ['threads', 'list'] as const,
    /**
     * `threadApi.list`: one category's threads (null: every category), one sort, one language, from a
     * cursor (null: the first page).
     */
    list: (categorySlug: string | null, sort: ThreadSort, locale: string, cursor: string | null = null) =>
      ['threads', 'list', categorySlug, sort, locale, cursor] as const,
    /** Every language's featured threads. */
    featuredLists: ['threads', 'featured'] as const,
    /** `curationApi.featured` in one language. */
    featured: (locale: string) => ['threads', 'featured', locale] as const,
    /** One thread in every view: what a change to the thread makes stale. */
    detail: (threadId: string) => ['threads', 'detail', threadId] as const,
    /** One thread in one view, every page of it. */
    view: (threadId: string, view: ThreadView) => ['threads', 'detail', threadId, view] as const,
    /** `threadApi.page`: one page of a thread in one view, from a cursor (null: the first page). */
    page: (threadId: string, view: ThreadView, cursor: string | null) =>
      ['threads', 'detail', threadId, view, cursor] as const,
    /** `safeguardApi.heldPosts`: a thread's posts held for review. */
    heldPosts: (threadId: string) => ['threads', 'held-posts', threadId] as const,
    /** `searchApi.search` for threads a thread may be merged into. */
    mergeTargets: (text: string) => ['threads', 'merge-targets', text] as const,
  },

  posts: {
    /** `postApi.revisions`: a post's earlier versions. */
    revisions: (postId: string) => ['posts', 'revisions', postId] as const,
  },

  search: {
    /** `searchApi.suggest`: the header's suggestions for a text. */
    suggestions: (text: string) => ['search', 'suggestions', text] as const,
    /** `searchApi.search`: the results page for a query string. */
    results: (search: string) => ['search', 'results', search] as const,
  },

  directory: {
    /** `directoryApi.list`: the directory for a query string. */
    members: (search: string) => ['directory', 'members', search] as const,
    /** Every member's public profile: what editing one's own profile makes stale. */
    profiles: ['directory', 'profile'] as const,
    /** `directoryApi.profile`: one member's public profile. */
    profile: (handle: string) => ['directory', 'profile', handle] as const,
    /** `directoryApi.ownProfile`: the signed-in member's profile as they edit it. */
    ownProfile: ['directory', 'own-profile'] as const,
  },

  notifications: {
    /** `notificationApi.unread`. */
    unread: ['notifications', 'unread'] as const,
    /** `notificationApi.list`, every page. */
    list: ['notifications', 'list'] as const,
    /** `notificationApi.preferences`. */
    preferences: ['notifications', 'preferences'] as const,
  },

  messaging: {
    /** Everything of messaging: what leaving or changing a conversation makes stale. */
    all: ['messaging'] as const,
    /** `conversationApi.unread`: unread conversations, for the header. */
    unread: ['messaging', 'unread'] as const,
    /** Both tabs of the conversation list. */
    lists: ['messaging', 'list'] as const,
    /** `conversationApi.list` for one tab. */
    list: (tab: 'inbox' | 'requests') => ['messaging', 'list', tab] as const,
    /** `conversationApi.view`: one conversation. */
    conversation: (conversationId: string) => ['messaging', 'conversation', conversationId] as const,
  },

  security: {
    /** The signed-in member's security settings: what turning the second factor on or off makes stale. */
    all: ['security'] as const,
    /** `securityApi.sessions`: the member's signed-in devices. */
    sessions: ['security', 'sessions'] as const,
    /** `identityApi.list`: the sign-in providers linked to the account. */
    identities: ['security', 'identities'] as const,
    /** `securityApi.twoFactor`: the second factor's state. */
    twoFactor: ['security', 'two-factor'] as const,
    /** `reauthenticationApi.status`: how the member can prove it is them again. */
    reauthentication: ['security', 'reauthentication'] as const,
  },

  moderation: {
    /** Every page of the queue under any filters. */
    queues: ['moderation', 'queue'] as const,
    /** `moderationApi.queue` under some filters. */
    queue: (filters: Record<string, string | undefined>) => ['moderation', 'queue', filters] as const,
    /** `moderationApi.item`: one queue item with its context. */
    item: (itemId: string) => ['moderation', 'item', itemId] as const,
    /** `moderationApi.moderators`: staff to assign items to and filter the audit by. */
    moderators: ['moderation', 'moderators'] as const,
    /** `moderationApi.audit` under some filters. */
    audit: (filters: Record<string, string | undefined>) => ['moderation', 'audit', filters] as const,
    /** `memberModerationApi.publicLog`: the public moderation log. */
    publicLog: ['moderation', 'public-log'] as const,
    /** The public moderation log from a cursor (null: the newest entries). */
    publicLogFrom: (cursor: string | null) => ['moderation', 'public-log', cursor] as const,
    /** `safeguardApi.applications`: membership applications awaiting a decision. */
    applications: ['moderation', 'applications'] as const,
    /** Every language's watched words. */
    watchedWordLists: ['moderation', 'watched-words'] as const,
    /** `safeguardApi.watchedWords` for one language. */
    watchedWords: (lang: Locale) => ['moderation', 'watched-words', lang] as const,
    /** `memberModerationApi.notices`: the notices the signed-in member received. */
    notices: ['moderation', 'notices'] as const,
  },

  admin: {
    /** `roleApi.staff`: moderators and admins. */
    staff: ['admin', 'staff'] as const,
    /** Every member search of the roles page. */
    memberSearches: ['admin', 'member-search'] as const,
    /** `roleApi.members` for a text (null: nothing searched yet). */
    memberSearch: (text: string | null) => ['admin', 'member-search', text] as const,
  },
};
