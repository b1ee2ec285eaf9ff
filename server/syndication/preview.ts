import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { LruCache } from './lru';
import { textWidth } from './text-width';
import { escapeXml } from './xml';

/** The size link previews are shown at (OpenGraph, X/Twitter large cards). */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

/** Everything a preview image draws, and nothing else: two cards that are equal draw the same image. */
export interface PreviewCard {
  title: string;
  /** The language of the title, for its shaping. */
  lang: string;
  category: string;
  /** The "answered" mark's label, for a question with an accepted answer; null otherwise. */
  answered: string | null;
  site: string;
}

/** A rendered preview and its entity tag (the hash of what it draws). */
export interface RenderedPreview {
  png: Buffer;
  etag: string;
}

// The site's colours (client/src/styles.css :root).
const COLOR = {
  brand: '#0b3d5c',
  brandDark: '#082c43',
  onBrand: '#ffffff',
  accent: '#ffbf47',
  success: '#1e6b3a',
};
const FONT = "'DejaVu Sans', sans-serif";
const MARGIN = 80;
const LINE_WIDTH = PREVIEW_WIDTH - 2 * MARGIN;
const TITLE_TOP = 170;
const FOOTER_TOP = 530;

/** Title sizes from the largest, each with the lines it may take: the largest that fits is used. */
const TITLE_SIZES = [
  { size: 76, lines: 3 },
  { size: 64, lines: 4 },
  { size: 56, lines: 4 },
] as const;

const fits = (text: string, size: number, width: number) => textWidth(text, size) <= width;

/** Shortens `line` until it fits with an ellipsis after it. */
function ellipsize(line: string, size: number, width: number): string {
  const chars = [...line];
  while (chars.length > 0 && !fits(`${chars.join('').trimEnd()}…`, size, width)) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * Breaks `text` into lines that fit `width` at `size`, between words (a word longer than a line is
 * cut, after a hyphen when it has one), all of them when `maxLines` is undefined; otherwise the first `maxLines`, the last one
 * ending with an ellipsis when text was left out.
 */
export function wrapLines(text: string, size: number, width: number, maxLines?: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/u).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate, size, width)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = [...word];
    while (rest.length > 1 && !fits(rest.join(''), size, width)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut).join(''), size, width)) cut -= 1;
      // A compound word breaks after one of its hyphens rather than between two letters.
      const hyphen = rest.slice(0, cut).lastIndexOf('-');
      if (hyphen > 0) cut = hyphen + 1;
      lines.push(rest.slice(0, cut).join(''));
      rest = rest.slice(cut);
    }
    current = rest.join('');
  }
  if (current) lines.push(current);
  if (maxLines === undefined || lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(kept[maxLines - 1] ?? '', size, width);
  return kept;
}

/** The title's lines at the largest size they fit, or at the smallest size, cut with an ellipsis. */
function titleLayout(title: string): { size: number; lines: string[] } {
  for (const { size, lines: most } of TITLE_SIZES) {
    const lines = wrapLines(title, size, LINE_WIDTH);
    if (lines.length <= most) return { size, lines };
  }
  const last = TITLE_SIZES[TITLE_SIZES.length - 1] ?? { size: 56, lines: 4 };
  return { size: last.size, lines: wrapLines(title, last.size, LINE_WIDTH, last.lines) };
}

const text = (content: string, attributes: string) =>
  `<text font-family="${FONT}" font-weight="bold" ${attributes}>${escapeXml(content)}</text>`;

/** The SVG of a preview: title, category, the answered mark and the site's name, in the site's colours. */
export function previewSvg(card: PreviewCard): string {
  const title = titleLayout(card.title);
  const lineHeight = Math.round(title.size * 1.2);
  const titleLines = title.lines.map((line, i) =>
    text(
      line,
      `x="${MARGIN}" y="${TITLE_TOP + Math.round(title.size * 0.95) + i * lineHeight}" font-size="${title.size}" fill="${COLOR.onBrand}" xml:lang="${escapeXml(card.lang)}"`,
    ),
  );
  const category = wrapLines(card.category, 30, LINE_WIDTH, 1)[0] ?? '';
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">`,
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="${COLOR.brand}"/>`,
    `<rect width="${PREVIEW_WIDTH}" height="12" fill="${COLOR.accent}"/>`,
    text(category, `x="${MARGIN}" y="130" font-size="30" fill="${COLOR.accent}"`),
    ...titleLines,
    `<rect y="${FOOTER_TOP}" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT - FOOTER_TOP}" fill="${COLOR.brandDark}"/>`,
    text(card.site, `x="${MARGIN}" y="${FOOTER_TOP + 64}" font-size="44" fill="${COLOR.onBrand}"`),
  ];
  if (card.answered) {
    const label = `✓ ${card.answered}`;
    const width = Math.round(textWidth(label, 28) + 56);
    const x = PREVIEW_WIDTH - MARGIN - width;
    parts.push(
      `<rect x="${x}" y="${FOOTER_TOP + 22}" width="${width}" height="56" rx="28" fill="${COLOR.success}" stroke="${COLOR.onBrand}" stroke-width="2"/>`,
      text(label, `x="${x + 28}" y="${FOOTER_TOP + 60}" font-size="28" fill="${COLOR.onBrand}"`),
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Draws a preview as a PNG of 1200×630 (a palette image: flat colours and text compress well). */
export async function renderPreview(card: PreviewCard): Promise<Buffer> {
  return sharp(Buffer.from(previewSvg(card)))
    .resize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
    .png({ palette: true, quality: 90, effort: 7 })
    .toBuffer();
}

/**
 * Rendered previews in memory, at most `capacity` threads, the least recently asked for forgotten
 * first. An entry is kept by thread and holds the hash of what it draws: a new title, category name
 * or accepted answer draws anew. A render in progress is shared by the requests that wait for it.
 */
export function createPreviewCache(capacity: number, render = renderPreview) {
  const cache = new LruCache<string, { hash: string; rendered: Promise<RenderedPreview> }>(capacity);
  return {
    /** The preview of thread `id` drawing `card`, rendered at most once while it is kept. */
    get(id: string, card: PreviewCard): Promise<RenderedPreview> {
      const hash = createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 22);
      const kept = cache.get(id);
      if (kept?.hash === hash) return kept.rendered;
      const rendered = render(card).then((png) => ({ png, etag: `"${hash}"` }));
      cache.set(id, { hash, rendered });
      // A failed render is not kept: the next request tries again.
      rendered.catch(() => {
        if (cache.get(id)?.rendered === rendered) cache.delete(id);
      });
      return rendered;
    },
    /** How many previews are kept. */
    get size() {
      return cache.size;
    },
  };
}

/** The preview cache. */
export type PreviewCache = ReturnType<typeof createPreviewCache>;
