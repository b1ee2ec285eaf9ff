import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** What a piece of member-written Markdown may contain. */
export interface RenderOptions {
  /** Posts may embed images (https only); messages may not. */
  allowImages: boolean;
  /** Handles that exist: only these `@handle` mentions become profile links. */
  knownHandles?: ReadonlySet<string>;
}

/** Rendered, sanitized HTML and the members it mentions. */
export interface Rendered {
  html: string;
  mentions: string[];
}

const MENTION = /(^|[^\p{L}\p{N}_@/.])@([a-z0-9_]{3,30})(?![a-z0-9_])/giu;

// Raw HTML is off: what a member types as HTML is shown as text, never parsed.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

/** Profile path of a member, as the client routes it. */
export function profilePath(handle: string): string {
  return `/members/${encodeURIComponent(handle)}`;
}

/** The `@handle`s written in a Markdown source, lower-cased, outside code. */
export function mentionCandidates(source: string): string[] {
  const text = source.replace(/```[\s\S]*?```|`[^`\n]*`/g, ' ');
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) found.add((match[2] ?? '').toLowerCase());
  return [...found];
}

/** Turns `@handle` in plain text tokens into mention links, for handles that exist. */
function linkMentions(md: InstanceType<typeof MarkdownIt>): void {
  md.core.ruler.after('linkify', 'mentions', (state) => {
    const known = (state.env as { knownHandles?: ReadonlySet<string>; mentions: Set<string> }).knownHandles;
    const mentions = (state.env as { mentions: Set<string> }).mentions;
    if (!known || known.size === 0) return;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      let insideLink = 0;
      const children = [];
      for (const token of block.children) {
        if (token.type === 'link_open') insideLink += 1;
        if (token.type === 'link_close') insideLink -= 1;
        if (token.type !== 'text' || insideLink > 0) {
          children.push(token);
          continue;
        }
        let last = 0;
        for (const match of token.content.matchAll(MENTION)) {
          const handle = (match[2] ?? '').toLowerCase();
          if (!known.has(handle)) continue;
          const start = (match.index ?? 0) + (match[1] ?? '').length;
          if (start > last) {
            const before = new state.Token('text', '', 0);
            before.content = token.content.slice(last, start);
            children.push(before);
          }
          const open = new state.Token('link_open', 'a', 1);
          open.attrs = [
            ['href', profilePath(handle)],
            ['class', 'mention'],
          ];
          const label = new state.Token('text', '', 0);
          label.content = `@${match[2] ?? handle}`;
          children.push(open, label, new state.Token('link_close', 'a', -1));
          mentions.add(handle);
          last = start + 1 + (match[2] ?? '').length;
        }
        if (last === 0) children.push(token);
        else if (last < token.content.length) {
          const rest = new state.Token('text', '', 0);
          rest.content = token.content.slice(last);
          children.push(rest);
        }
      }
      block.children = children;
    }
  });
}
markdown.use(linkMentions);

const BASE_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'hr',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

function sanitizerOptions(allowImages: boolean): sanitizeHtml.IOptions {
  return {
    allowedTags: allowImages ? [...BASE_TAGS, 'img'] : BASE_TAGS,
    allowedAttributes: { a: ['href', 'class', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'] },
    allowedClasses: { a: ['mention'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'escape',
    transformTags: {
      // A member's headings never outrank the page's own.
      h1: 'h3',
      h2: 'h4',
      a: (tagName, attribs) => {
        // Only the renderer's own mention links keep their class; a member cannot style a link.
        const { class: className, ...rest } = attribs;
        const mention = className === 'mention' && rest.href?.startsWith('/members/');
        return {
          tagName,
          attribs: mention
            ? { ...rest, class: 'mention', rel: 'ugc' }
            : { ...rest, rel: 'nofollow ugc noopener' },
        };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

const sanitizers = { true: sanitizerOptions(true), false: sanitizerOptions(false) };

/** Cleans HTML through the strict allow-list: the only way user HTML is ever produced. */
export function sanitize(html: string, allowImages: boolean): string {
  return sanitizeHtml(html, sanitizers[allowImages ? 'true' : 'false']);
}

/** Renders member Markdown to safe HTML (raw HTML off, then the sanitizer) and lists its mentions. */
export function renderMarkdown(source: string, options: RenderOptions): Rendered {
  const env = { knownHandles: options.knownHandles, mentions: new Set<string>() };
  const html = sanitize(markdown.render(source, env), options.allowImages);
  return { html, mentions: [...env.mentions] };
}

/** Escapes plain text (titles, tags) for HTML contexts that are not rendered by React. */
export function escapeText(text: string): string {
  return sanitizeHtml(text, {
    allowedTags: [],
    allowedAttributes: {},
    disallowedTagsMode: 'recursiveEscape',
  });
}
