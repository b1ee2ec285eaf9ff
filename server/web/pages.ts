import type { Request, RequestHandler, Response } from 'express';
import { QueryClient, dehydrate } from '@tanstack/react-query';
import { isLocale, type Locale } from '@shared/constants';
import type { SessionResponse } from '@shared/api/session';
import { authApi } from '@shared/api/auth';
import type { CategoryResponse } from '@shared/api/categories';
import type { MemberProfileResponse } from '@shared/api/directory';
import type { ThreadResponse } from '@shared/api/threads';
import { LANGUAGE_PARAM, isClientRoute, threadPath } from '@shared/routes';
import type { ServerQueryError, ServerState } from '@shared/server-state';
import type { ContractQuery } from '@client/api/contractQuery';
import { startCursor } from '@client/api/contractQuery';
import { queryKeys } from '@client/api/queryKeys';
import { matchPublicPage, type PublicPageKind } from '@client/pages/publicPages';
import { AppError } from '@server/errors';
import type { Logger } from '@server/logger';
import type { Translator } from '@server/i18n/i18n';
import { isDatabaseUnavailable } from '@server/db/errors';
import type { ContractReader } from '@server/http/in-process';
import type { EventListeners } from '@server/events';
import { LOCALE_COOKIE } from '@server/http/locale';
import { documentTemplate, type DocumentTemplate } from './document';
import {
  basicHead,
  categoryHead,
  headHtml,
  homeHead,
  memberHead,
  scriptJson,
  threadHead,
  type HeadContext,
  type PageHead,
} from './head';
import { createPageTranslations } from './i18n';
import { createPageCache, DEFAULT_PAGE_CACHE, type CachedPage, type PageCacheOptions } from './page-cache';
import { renderApp } from './render';
import { errorDocument } from './error-document';

/** What the page renderer needs from the rest of the server. */
export interface WebPagesDeps {
  baseUrl: string;
  defaultLocale: Locale;
  secureCookies: boolean;
  clientDir: string;
  reader: ContractReader;
  translator: Translator;
  logger: Logger;
  /** The session cookie's name: a request without it is a visitor's. */
  sessionCookie: string;
  /** Loads the session and the signed-in member of a request (express-session, then Passport). */
  memberSession: RequestHandler[];
  /** Whether a thread the reader could have read was removed: its address answers 410 Gone. */
  threadRemoved: (reader: Express.User | undefined, threadId: string) => Promise<boolean>;
  /** Counts a visitor's view of a thread served from the page cache (a render counts it itself). */
  countView: (threadId: string) => void;
  cache?: PageCacheOptions;
}

/** A page as rendered: its status and HTML, what it shows (for the cache), or where it moved. */
interface Rendered {
  status: number;
  html: string;
  tags: string[];
  location?: string;
}

/** The page's built chunk (Vite manifest key) to preload, by kind. */
const PAGE_SOURCES: Partial<Record<PublicPageKind, string>> = {
  thread: 'src/pages/ThreadPage.tsx',
  category: 'src/pages/CategoryPage.tsx',
  latest: 'src/pages/LatestPage.tsx',
  member: 'src/pages/MemberProfilePage.tsx',
  moderationLog: 'src/pages/ModerationLogPage.tsx',
  search: 'src/pages/SearchPage.tsx',
  directory: 'src/pages/DirectoryPage.tsx',
};

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** A read the contract refused (404, 401…): the page shows it as the browser would, with its status. */
class RefusedRead extends Error {
  override name = 'RefusedRead';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** As the browser gets it with the page. */
  toJSON(): ServerQueryError {
    return { status: this.status, code: this.code, message: this.message };
  }
}

/**
 * Server rendering of every page of the web client: the same React components the browser runs, with
 * the page's reads answered in-process through the contract and handed over for hydration; the head
 * carries the title, description, canonical address, language alternates, OpenGraph tags and structured
 * data; the status is the page's (404, 410, 301, 503). Visitors' pages are cached per address and
 * language, compressed once, and dropped by the domain events that change them (`onEvent`).
 */
export function createWebPages(deps: WebPagesDeps) {
  const template: DocumentTemplate = documentTemplate(deps.clientDir);
  const translations = createPageTranslations();
  const cache = createPageCache(deps.cache ?? DEFAULT_PAGE_CACHE);

  /**
   * The page's language: the member's own (their pages follow their setting), else what the locale
   * middleware chose for the visitor: the address's `?lang=`, their choice, their browser's.
   */
  const localeOf = (req: Request): Locale => req.user?.locale ?? req.locale;

  /** A visitor who opened an address in a language keeps it as they go on (`?lang=` sets their choice). */
  const rememberLanguage = (req: Request, res: Response) => {
    const named = req.query[LANGUAGE_PARAM];
    if (isLocale(named) && req.cookieValues[LOCALE_COOKIE] !== named) {
      res.cookie(LOCALE_COOKIE, named, {
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: ONE_YEAR_MS,
        path: '/',
      });
    }
  };

  /** Answers every read of the page through the contract; a refused read is kept as the page shows it. */
  const readAll = async (
    queries: ContractQuery[],
    client: QueryClient,
    req: Request,
    res: Response,
    locale: Locale,
  ) => {
    let unexpected: Error | undefined;
    const read = async (query: ContractQuery, cursor?: string): Promise<{ nextCursor?: string | null }> => {
      try {
        const input =
          cursor === undefined ? query.input : { ...query.input, query: { ...query.input.query, cursor } };
        return await deps.reader(query.spec, input, req, res);
      } catch (error) {
        if (!(error instanceof AppError)) {
          unexpected ??= error instanceof Error ? error : new Error('read failed', { cause: error });
          throw error;
        }
        throw new RefusedRead(
          error.status,
          error.code,
          deps.translator.t(locale, `errors:${error.code}`, error.params),
        );
      }
    };
    await Promise.all(
      queries.map((query) =>
        query.paged
          ? client.prefetchInfiniteQuery({
              queryKey: query.queryKey,
              queryFn: ({ pageParam }: { pageParam: string | undefined }) => read(query, pageParam),
              initialPageParam: startCursor(query),
              getNextPageParam: (last: { nextCursor?: string | null }) => last.nextCursor ?? undefined,
            })
          : client.prefetchQuery({ queryKey: query.queryKey, queryFn: () => read(query) }),
      ),
    );
    if (unexpected) throw unexpected;
  };

  const render = async (req: Request, res: Response, locale: Locale, visitor: boolean): Promise<Rendered> => {
    req.locale = locale;
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const session = await deps.reader<SessionResponse>(authApi.session, {}, req, res);
    // A page cached for every visitor carries nobody's CSRF token: the browser asks for its own.
    client.setQueryData(queryKeys.session, visitor ? { ...session, csrfToken: '' } : session);

    const t = translations(locale).getFixedT(locale);
    const matched = matchPublicPage(req.path);
    const search = new URLSearchParams(req.url.split('?')[1] ?? '');
    search.delete(LANGUAGE_PARAM);
    const addressed = search.toString();
    const context: HeadContext = {
      baseUrl: deps.baseUrl,
      path: addressed ? `${req.path}?${addressed}` : req.path,
      locale,
      t,
    };

    let status = isClientRoute(req.path) ? 200 : 404;
    let head: PageHead = { ...basicHead(context, t('brand.name'), t('home:intro')), noindex: true };
    let tags: string[] = [];
    let preload: string[] = [];
    if (matched) {
      const queries = matched.page.queries({ params: matched.params, search, locale });
      await readAll(queries, client, req, res, locale);
      const [primary] = queries;
      const state = primary ? client.getQueryState(primary.queryKey) : undefined;
      const failure = state?.error;
      const data = state?.data;
      const kind = matched.page.kind;
      const source = PAGE_SOURCES[kind];
      preload = source ? template.chunksOf(source) : [];
      if (failure instanceof RefusedRead) {
        status = failure.status === 404 || failure.status === 403 ? 404 : failure.status;
        if (
          kind === 'thread' &&
          status === 404 &&
          (await deps.threadRemoved(req.user, matched.params.id ?? ''))
        ) {
          status = 410;
        }
        head = { ...basicHead(context, t('notFound.title'), t('notFound.text')), noindex: true };
      } else {
        status = 200;
        head = headOf(kind, context, data);
        tags = tagsOf(kind, matched.params);
        if (kind === 'thread') {
          const merged = (data as ThreadResponse).thread.mergedInto;
          if (merged) {
            const named = req.query[LANGUAGE_PARAM];
            const target = threadPath(merged) + (isLocale(named) ? `?${LANGUAGE_PARAM}=${named}` : '');
            return { status: 301, html: '', tags, location: target };
          }
        }
      }
    }

    const rendered = await renderApp(req.url, translations(locale), client);
    // The title the page gave itself (as the browser will show it), else the head's.
    if (rendered.title) head = { ...head, documentTitle: rendered.title };
    const state: ServerState = {
      locale,
      queries: dehydrate(client, { shouldDehydrateQuery: () => true }),
    };
    const html = template.fill({
      locale,
      head: headHtml(head, t('brand.name'), locale),
      preload,
      body: rendered.html,
      state: scriptJson(state),
    });
    return { status, html, tags };
  };

  const send = (req: Request, res: Response, page: CachedPage) => {
    res.setHeader('Vary', 'Accept-Encoding, Cookie, Accept-Language');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', page.etag);
    res.type('html');
    if (page.status === 200 && req.fresh) {
      res.status(304).end();
      return;
    }
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    const bytes = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.html;
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', bytes.length);
    res.status(page.status);
    if (req.method === 'HEAD') res.end();
    else res.end(bytes);
  };

  const unavailable = (req: Request, res: Response, locale: Locale, status: 500 | 503) => {
    const t = translations(locale).getFixedT(locale);
    if (status === 503) res.setHeader('Retry-After', '30');
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(errorDocument(locale, t, status));
  };

  /** Serves a visitor's page from the cache, if it is there. */
  const fromCache = (req: Request, res: Response): boolean => {
    const cached = cache.get(`${localeOf(req)} ${req.url}`);
    if (!cached) return false;
    rememberLanguage(req, res);
    const thread = cached.status === 200 ? cached.tags.find((tag) => tag.startsWith('thread:')) : undefined;
    if (thread) deps.countView(thread.slice('thread:'.length));
    send(req, res, cached);
    return true;
  };

  /** Visitors' renders under way, by cache key: a crowd arriving at once waits for one render. */
  const rendering = new Map<string, Promise<Rendered>>();

  /**
   * Whether a page is its reader's own: a member's (their name, unread counts, CSRF token), or a profile
   * (what it shows depends on who looks). Neither is shared, in this cache or any other.
   */
  const personal = (req: Request, visitor: boolean) =>
    !visitor || matchPublicPage(req.path)?.page.kind === 'member';

  /** Renders a page and, for visitors, stores it in the cache before anyone is answered. */
  const produce = async (req: Request, res: Response, locale: Locale, visitor: boolean, key: string) => {
    const since = cache.generation();
    const rendered = await render(req, res, locale, visitor);
    if (!personal(req, visitor) && !rendered.location) await cache.store(key, rendered, since);
    return rendered;
  };

  const serve = async (req: Request, res: Response, visitor: boolean) => {
    const locale = localeOf(req);
    rememberLanguage(req, res);
    const key = `${locale} ${req.url}`;
    let rendered: Rendered;
    try {
      let pending = visitor ? rendering.get(key) : undefined;
      if (!pending) {
        pending = produce(req, res, locale, visitor, key);
        if (visitor) {
          rendering.set(key, pending);
          const done = () => rendering.delete(key);
          pending.then(done, done);
        }
      }
      rendered = await pending;
    } catch (error) {
      const away = isDatabaseUnavailable(error);
      deps.logger.error(
        { err: error, url: req.url },
        away ? 'page not rendered: database unavailable' : 'page not rendered',
      );
      return unavailable(req, res, locale, away ? 503 : 500);
    }
    if (rendered.location) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.redirect(rendered.status, rendered.location);
    }
    const stored = visitor ? cache.get(key) : undefined;
    if (stored) return send(req, res, stored);
    res.setHeader('Cache-Control', personal(req, visitor) ? 'private, no-cache' : 'no-cache');
    res.setHeader('Vary', 'Cookie, Accept-Language');
    res.status(rendered.status).type('html').send(rendered.html);
  };

  /** The pages handler: GET and HEAD of any address that is not the API or a file. */
  const handler: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Someone who never signed in has no session to load: the page is a visitor's, maybe cached.
    const visitor = !req.cookieValues[deps.sessionCookie];
    if (visitor && fromCache(req, res)) return;
    let index = 0;
    const step = (error?: unknown) => {
      if (error) return next(error);
      const middleware = deps.memberSession[index++];
      if (!middleware) return void serve(req, res, visitor || !req.user).catch(next);
      middleware(req, res, step);
    };
    step();
  };

  // What each write changes: its thread's pages, the lists it appears in, the public log.
  const threadChanged = ({ threadId }: { threadId: string }) =>
    cache.drop(`thread:${threadId}`, 'lists', 'log');
  const everything = () => cache.drop('*');
  const events: EventListeners = {
    afterCommit: {
      'post.created': threadChanged,
      'post.updated': threadChanged,
      'thread.updated': threadChanged,
      'thread.access.narrowed': threadChanged,
      'answer.accepted': threadChanged,
      // A category's name shows on the home page, its own pages and its threads': all of them.
      'category.changed': everything,
      'category.access.changed': everything,
      'moderation.item.changed': () => cache.drop('log'),
      'member.access.revoked': everything,
    },
  };

  return { handler, cache, events };
}

function headOf(kind: PublicPageKind, context: HeadContext, data: unknown): PageHead {
  switch (kind) {
    case 'thread':
      return threadHead(context, data as ThreadResponse);
    case 'category':
      return categoryHead(context, data as CategoryResponse);
    case 'member':
      return memberHead(context, data as MemberProfileResponse);
    case 'home':
      return homeHead(context);
    case 'latest':
      return basicHead(context, context.t('forum:latest.title'), context.t('home:intro'));
    case 'moderationLog':
      return basicHead(context, context.t('moderation:log.title'), context.t('moderation:log.intro'));
    case 'directory':
      return basicHead(context, context.t('directory:page.title'), context.t('directory:page.intro'));
    case 'search':
      // Results are for readers: search engines index the threads themselves.
      return {
        ...basicHead(context, context.t('search:page.title'), context.t('home:intro')),
        noindex: true,
      };
  }
}

function tagsOf(kind: PublicPageKind, params: Record<string, string>): string[] {
  switch (kind) {
    case 'thread':
      return [`thread:${params.id ?? ''}`];
    case 'category':
    case 'home':
    case 'latest':
      return ['lists'];
    case 'moderationLog':
      return ['log'];
    case 'search':
      return ['lists'];
    case 'directory':
      return ['members'];
    case 'member':
      return ['members'];
  }
}

export type WebPages = ReturnType<typeof createWebPages>;
