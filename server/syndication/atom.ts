import { element, emptyElement, escapeXml, XML_DECLARATION } from './xml';

/** Text of a feed in one language: `lang` becomes its `xml:lang` (left out when unknown). */
export interface LangText {
  text: string;
  lang?: string;
}

/** One entry of an Atom feed. */
export interface AtomEntry {
  /** A permanent IRI of the thing itself (`urn:uuid:…`), which never changes with its address. */
  id: string;
  title: LangText;
  /** The page that shows it. */
  link: string;
  published: Date;
  updated: Date;
  /** Sanitized HTML (it leaves the server only through its sanitizer); null for an entry without text. */
  content: LangText | null;
  category?: { term: string; label?: string; scheme?: string };
}

/** An Atom feed (RFC 4287) of public content. */
export interface AtomFeed {
  /** The feed's own address, which is also its id. */
  self: string;
  /** The page the feed follows. */
  alternate: string;
  /** The language of the feed's own text (title, subtitle): the reader's interface language. */
  lang: string;
  title: string;
  subtitle: string;
  /** Who publishes it: the site. Entries name no member (open data carries no personal data). */
  author: string;
  icon: string;
  updated: Date;
  entries: readonly AtomEntry[];
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';

const langAttribute = (text: LangText) => ({ 'xml:lang': text.lang });

function entryXml(entry: AtomEntry): string {
  return [
    '<entry>',
    element('id', entry.id),
    element('title', entry.title.text, { type: 'text', ...langAttribute(entry.title) }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.link }),
    element('published', entry.published.toISOString()),
    element('updated', entry.updated.toISOString()),
    entry.category ? emptyElement('category', entry.category) : '',
    entry.content
      ? element('content', entry.content.text, { type: 'html', ...langAttribute(entry.content) })
      : '',
    '</entry>',
  ].join('');
}

/** The feed's document: every text escaped, every date in RFC 3339, the newest entry first as given. */
export function atomFeed(feed: AtomFeed): string {
  return (
    `${XML_DECLARATION}<feed xmlns="${ATOM_NS}" xml:lang="${escapeXml(feed.lang)}">\n` +
    [
      element('id', feed.self),
      element('title', feed.title, { type: 'text' }),
      element('subtitle', feed.subtitle, { type: 'text' }),
      emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: feed.self }),
      emptyElement('link', { rel: 'alternate', type: 'text/html', href: feed.alternate }),
      element('updated', feed.updated.toISOString()),
      `<author>${element('name', feed.author)}</author>`,
      element('generator', feed.author),
      element('icon', feed.icon),
      ...feed.entries.map(entryXml),
    ].join('\n') +
    '\n</feed>\n'
  );
}
