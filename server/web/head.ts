import type { TFunction } from 'i18next';
import { LOCALES, type Locale } from '@shared/constants';
import type { CategoryResponse } from '@shared/api/categories';
import type { MemberProfileResponse } from '@shared/api/directory';
import type { PostDto, ThreadResponse } from '@shared/api/threads';
import { LANGUAGE_PARAM, categoryPath, memberPath, threadPath } from '@shared/routes';

/** What the `<head>` of a rendered page says about it. */
export interface PageHead {
  /** What is shared (OpenGraph, Twitter), and the document's title unless `documentTitle` says otherwise. */
  title: string;
  /** The title the page's component gives itself, when it differs (the home page is "Home"). */
  documentTitle?: string;
  description: string;
  /** The page's own address in its language (absolute). */
  canonical: string;
  /** The same page in each interface language, and without a language (`x-default`). */
  alternates: { hreflang: string; href: string }[];
  /** OpenGraph type: `website`, `article` or `profile`. */
  ogType: string;
  image?: string;
  /** schema.org structured data (JSON-LD), when the page has some. */
  structuredData?: Record<string, unknown>;
  /** Atom feeds of the page's content. */
  feeds: { title: string; href: string }[];
  /** Asks search engines not to index it (error pages). */
  noindex: boolean;
}

/** Where the page is, for its addresses. */
export interface HeadContext {
  baseUrl: string;
  /** The page's path with what names its content (view, page, sort), without a language. */
  path: string;
  locale: Locale;
  t: TFunction;
}

const DESCRIPTION_LENGTH = 200;

/** Plain text of stored post HTML, on one line. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A description of at most `max` characters, cut at a word with an ellipsis. */
export function summarize(text: string, max = DESCRIPTION_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A path with a query parameter set (or left out when undefined). */
function withParam(path: string, name: string, value: string | undefined): string {
  const [pathname = '', query = ''] = path.split('?');
  const search = new URLSearchParams(query);
  if (value === undefined) search.delete(name);
  else search.set(name, value);
  const rest = search.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

/** The page's canonical address and its language alternates. */
function addresses(context: HeadContext): Pick<PageHead, 'canonical' | 'alternates'> {
  const absolute = (path: string) => `${context.baseUrl}${path}`;
  return {
    canonical: absolute(withParam(context.path, LANGUAGE_PARAM, context.locale)),
    alternates: [
      ...LOCALES.map((locale) => ({
        hreflang: locale,
        href: absolute(withParam(context.path, LANGUAGE_PARAM, locale)),
      })),
      { hreflang: 'x-default', href: absolute(withParam(context.path, LANGUAGE_PARAM, undefined)) },
    ],
  };
}

/** A page's head from its title and description, with the site's defaults for the rest. */
export function basicHead(context: HeadContext, title: string, description: string): PageHead {
  return {
    title,
    description: summarize(description),
    ...addresses(context),
    ogType: 'website',
    feeds: [{ title: context.t('forum:latest.title'), href: `${context.baseUrl}/feeds/latest.atom` }],
    noindex: false,
  };
}

const person = (baseUrl: string, author: PostDto['author']) =>
  author
    ? { '@type': 'Person', name: author.displayName, url: `${baseUrl}${memberPath(author.handle)}` }
    : { '@type': 'Person', name: '—' };

/** A post as schema.org `Answer` (questions) or `Comment` (discussions). */
function postEntity(baseUrl: string, threadId: string, post: PostDto, type: 'Answer' | 'Comment') {
  return {
    '@type': type,
    text: textOf(post.html),
    dateCreated: post.createdAt,
    ...(post.editedAt && { dateModified: post.editedAt }),
    url: `${baseUrl}${threadPath(threadId)}#post-${post.id}`,
    author: person(baseUrl, post.author),
    upvoteCount: Object.values(post.reactions).reduce((sum, n) => sum + n, 0),
    inLanguage: post.lang,
  };
}

/**
 * A thread's head: its title, the question's first lines, and `QAPage` (a question, with its accepted
 * answer) or `DiscussionForumPosting` (a discussion) structured data over the posts of this page.
 */
export function threadHead(context: HeadContext, data: ThreadResponse): PageHead {
  const { thread } = data;
  const opening = data.posts.find((post) => post.parentId === null && !post.deleted);
  const text = opening ? textOf(opening.html) : thread.title;
  const replies = data.posts.filter((post) => post.parentId !== null && !post.deleted && !post.hidden);
  const url = `${context.baseUrl}${threadPath(thread.id)}`;
  const author = person(context.baseUrl, thread.author);
  const structuredData =
    thread.kind === 'question'
      ? {
          '@context': 'https://schema.org',
          '@type': 'QAPage',
          mainEntity: {
            '@type': 'Question',
            name: thread.title,
            text,
            answerCount: thread.replyCount,
            dateCreated: thread.createdAt,
            author,
            url,
            inLanguage: thread.lang,
            ...(data.acceptedPost && {
              acceptedAnswer: postEntity(context.baseUrl, thread.id, data.acceptedPost, 'Answer'),
            }),
            suggestedAnswer: replies
              .filter((post) => post.id !== data.acceptedPost?.id)
              .map((post) => postEntity(context.baseUrl, thread.id, post, 'Answer')),
          },
        }
      : {
          '@context': 'https://schema.org',
          '@type': 'DiscussionForumPosting',
          headline: thread.title,
          text,
          url,
          datePublished: thread.createdAt,
          author,
          inLanguage: thread.lang,
          interactionStatistic: {
            '@type': 'InteractionCounter',
            interactionType: 'https://schema.org/CommentAction',
            userInteractionCount: thread.replyCount,
          },
          comment: replies.map((post) => postEntity(context.baseUrl, thread.id, post, 'Comment')),
        };
  return {
    ...basicHead(context, thread.title, text),
    ogType: 'article',
    image: `${context.baseUrl}${threadPath(thread.id)}/preview.png`,
    structuredData,
    feeds: [
      { title: thread.title, href: `${context.baseUrl}/feeds/t/${encodeURIComponent(thread.id)}.atom` },
    ],
  };
}

/** A category's head: its name and description, as a collection of threads. */
export function categoryHead(context: HeadContext, data: CategoryResponse): PageHead {
  const { category } = data;
  const url = `${context.baseUrl}${categoryPath(category.slug)}`;
  return {
    ...basicHead(context, category.name, category.description || category.name),
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: category.name,
      description: category.description,
      url,
      inLanguage: category.lang,
      isPartOf: { '@type': 'WebSite', name: context.t('brand.name'), url: context.baseUrl },
    },
    feeds: [
      {
        title: category.name,
        href: `${context.baseUrl}/feeds/c/${encodeURIComponent(category.slug)}.atom`,
      },
    ],
  };
}

/** A member's profile head: only what the profile shows the viewer, as a schema.org `ProfilePage`. */
export function memberHead(context: HeadContext, data: MemberProfileResponse): PageHead {
  const { profile } = data;
  const description =
    profile.headline ?? (profile.bioHtml ? textOf(profile.bioHtml) : '') ?? profile.displayName;
  const url = `${context.baseUrl}${memberPath(profile.handle)}`;
  return {
    ...basicHead(context, profile.displayName, description || profile.displayName),
    ogType: 'profile',
    ...(profile.avatarUrl && { image: new URL(profile.avatarUrl, context.baseUrl).href }),
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      dateCreated: profile.memberSince,
      mainEntity: {
        '@type': 'Person',
        name: profile.displayName,
        alternateName: `@${profile.handle}`,
        identifier: profile.id,
        url,
        ...(profile.headline && { description: profile.headline }),
        ...(profile.avatarUrl && { image: new URL(profile.avatarUrl, context.baseUrl).href }),
        ...(profile.organization && {
          worksFor: { '@type': 'Organization', name: profile.organization },
        }),
        ...(profile.languages.length > 0 && { knowsLanguage: profile.languages }),
      },
    },
  };
}

/** The home page's head: the site, with its search as a schema.org `SearchAction`. */
export function homeHead(context: HeadContext): PageHead {
  return {
    ...basicHead(context, context.t('brand.name'), context.t('home:intro')),
    structuredData: {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: context.t('brand.name'),
      description: context.t('home:intro'),
      url: context.baseUrl,
      inLanguage: context.locale,
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${context.baseUrl}/search?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    },
  };
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** JSON inside a `<script>` element: nothing in it can close the element or start a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The head's elements as HTML. */
export function headHtml(head: PageHead, siteName: string, locale: Locale): string {
  const own = head.documentTitle ?? head.title;
  const fullTitle = own === siteName ? siteName : `${own} · ${siteName}`;
  const meta = (attribute: 'name' | 'property', key: string, content: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(content)}">`;
  const parts = [
    `<title>${escapeHtml(fullTitle)}</title>`,
    meta('name', 'description', head.description),
    `<link rel="canonical" href="${escapeHtml(head.canonical)}">`,
    ...head.alternates.map(
      (alternate) =>
        `<link rel="alternate" hreflang="${alternate.hreflang}" href="${escapeHtml(alternate.href)}">`,
    ),
    ...head.feeds.map(
      (feed) =>
        `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(feed.title)}" href="${escapeHtml(feed.href)}">`,
    ),
    meta('property', 'og:site_name', siteName),
    meta('property', 'og:type', head.ogType),
    meta('property', 'og:title', head.title),
    meta('property', 'og:description', head.description),
    meta('property', 'og:url', head.canonical),
    meta('property', 'og:locale', OG_LOCALES[locale]),
    ...LOCALES.filter((other) => other !== locale).map((other) =>
      meta('property', 'og:locale:alternate', OG_LOCALES[other]),
    ),
    ...(head.image ? [meta('property', 'og:image', head.image)] : []),
    meta('name', 'twitter:card', head.image && head.ogType === 'article' ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', head.title),
    meta('name', 'twitter:description', head.description),
    ...(head.image ? [meta('name', 'twitter:image', head.image)] : []),
    ...(head.noindex ? [meta('name', 'robots', 'noindex')] : []),
    ...(head.structuredData
      ? [`<script type="application/ld+json">${scriptJson(head.structuredData)}</script>`]
      : []),
  ];
  return parts.join('\n    ');
}

/** OpenGraph's locale names of the interface languages. */
const OG_LOCALES: Record<Locale, string> = { es: 'es_LA', pt: 'pt_BR', en: 'en_US', fr: 'fr_FR' };
