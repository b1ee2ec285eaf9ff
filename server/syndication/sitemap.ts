import { element, XML_DECLARATION } from './xml';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** One address in a sitemap, or one sitemap in the index: where it is and when it last changed. */
export interface SitemapEntry {
  loc: string;
  lastmod: Date;
}

const entry = (name: 'url' | 'sitemap', { loc, lastmod }: SitemapEntry) =>
  `<${name}>${element('loc', loc)}${element('lastmod', lastmod.toISOString())}</${name}>`;

/** A sitemap index (sitemaps.org 0.9) listing the sitemaps' pages. */
export function sitemapIndex(sitemaps: readonly SitemapEntry[]): string {
  return (
    `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n` +
    sitemaps.map((sitemap) => `${entry('sitemap', sitemap)}\n`).join('') +
    '</sitemapindex>\n'
  );
}

/** A sitemap (sitemaps.org 0.9): at most 50 000 addresses, each with its last change. */
export function urlSet(urls: readonly SitemapEntry[]): string {
  return (
    `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n` +
    urls.map((url) => `${entry('url', url)}\n`).join('') +
    '</urlset>\n'
  );
}
