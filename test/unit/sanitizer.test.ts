import { expect } from 'chai';
import { escapeText, sanitize } from '@server/content/markdown';
import { XSS_VECTORS } from '../helpers/xss-vectors';

/**
 * The sanitizer on its own, fed raw HTML. Markdown rendering refuses raw HTML and most bad links first,
 * so these tests are what notices a weakened allow-list before a change of Markdown settings exposes it.
 */

const TAGS = new Set(
  'p br strong em del s code pre blockquote ul ol li a hr h3 h4 h5 h6 table thead tbody tr th td'.split(' '),
);
const ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'class', 'rel'],
  img: ['src', 'alt', 'title'],
  ol: ['start'],
};

/** Every live element of sanitized HTML (escaped markup is text, not an element), with its attributes. */
function elements(html: string): { tag: string; attributes: Map<string, string> }[] {
  const found = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attributes = new Map<string, string>();
    for (const attr of (match[2] ?? '').matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) {
      attributes.set((attr[1] ?? '').toLowerCase(), attr[2] ?? '');
    }
    found.push({ tag: (match[1] ?? '').toLowerCase(), attributes });
  }
  return found;
}

/**
 * Whether a URL is one of these schemes, or relative to this site (no scheme, not protocol-relative).
 * Character references are refused outright: a browser decodes them into a scheme the pattern misses.
 */
function safeUrl(value: string, schemes: string[]): boolean {
  if (/&#|&colon;|&tab;|&newline;/i.test(value)) return false;
  const url = value.replace(/^[\s\p{Cc}]+/u, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return !url.startsWith('//') && !url.startsWith('\\');
  return schemes.includes(scheme) && (scheme === 'mailto' || /^[a-z]+:\/\/[^/]/i.test(url));
}

/** The problems of sanitized HTML: elements, attributes or URLs outside the allow-list. */
function violations(html: string, allowImages: boolean): string[] {
  const problems: string[] = [];
  for (const { tag, attributes } of elements(html)) {
    if (!TAGS.has(tag) && !(allowImages && tag === 'img')) problems.push(`element <${tag}>`);
    for (const [name, value] of attributes) {
      if (!(ATTRIBUTES[tag] ?? []).includes(name)) problems.push(`attribute ${name} on <${tag}>`);
      if (name === 'href' && !safeUrl(value, ['http', 'https', 'mailto'])) problems.push(`href ${value}`);
      if (name === 'src' && !safeUrl(value, ['https'])) problems.push(`src ${value}`);
      if (name === 'class' && value !== 'mention') problems.push(`class ${value}`);
    }
  }
  if (/<\/?(script|style|iframe|svg|math|object|embed)\b/i.test(html))
    problems.push('a closing dangerous tag');
  return problems;
}

describe('sanitize (the allow-list on its own)', () => {
  for (const allowImages of [true, false]) {
    it(`leaves no element, attribute or URL outside the allow-list for known vectors (images ${allowImages ? 'on' : 'off'})`, () => {
      const bad = XSS_VECTORS.flatMap((vector) =>
        violations(sanitize(vector, allowImages), allowImages).map((problem) => `${vector} → ${problem}`),
      );
      expect(bad).to.deep.equal([]);
    });
  }

  it('drops javascript:, data:, vbscript: and protocol-relative links but keeps the text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      'ftp://example.org/file',
    ]) {
      expect(sanitize(`<a href="${href}">enlace</a>`, true), href).to.equal(
        '<a rel="nofollow ugc noopener">enlace</a>',
      );
    }
  });

  it('keeps http, https and mailto links, marked nofollow ugc noopener', () => {
    for (const href of ['http://example.org/a', 'https://example.org/a', 'mailto:ana@example.org']) {
      expect(sanitize(`<a href="${href}">x</a>`, false)).to.equal(
        `<a href="${href}" rel="nofollow ugc noopener">x</a>`,
      );
    }
  });

  it('removes event handlers, styles, ids and classes', () => {
    expect(sanitize('<a href="https://example.org" onclick="x()" onmouseover="y()">x</a>', true)).to.equal(
      '<a href="https://example.org" rel="nofollow ugc noopener">x</a>',
    );
    expect(sanitize('<p style="color:red" class="x" id="y" onclick="x()">p</p>', true)).to.equal('<p>p</p>');
    expect(
      sanitize('<a href="https://example.org" style="position:fixed" id="x" target="_top">x</a>', true),
    ).to.equal('<a href="https://example.org" rel="nofollow ugc noopener">x</a>');
    expect(sanitize('<strong class="mention">s</strong>', true)).to.equal('<strong>s</strong>');
    expect(sanitize('<ol start="3" type="a" reversed><li>x</li></ol>', true)).to.equal(
      '<ol start="3"><li>x</li></ol>',
    );
  });

  it('shows SVG, MathML, iframes (srcdoc too), scripts and styles as text, with their attributes gone', () => {
    expect(sanitize('<svg onload="x()"><circle/></svg>', true)).to.equal(
      '&lt;svg&gt;&lt;circle&gt;&lt;/svg&gt;',
    );
    expect(
      sanitize('<iframe srcdoc="<script>x()</script>" src="https://example.org"></iframe>', true),
    ).to.equal('&lt;iframe&gt;&lt;/iframe&gt;');
    expect(sanitize('<math><mi xlink:href="javascript:x()">m</mi></math>', true)).to.equal(
      '&lt;math&gt;&lt;mi&gt;m&lt;/mi&gt;&lt;/math&gt;',
    );
    expect(sanitize('<script>x()</script>', true)).to.equal('&lt;script&gt;x()&lt;/script&gt;');
    expect(sanitize('<object data="javascript:x()"></object><embed src="javascript:x()">', true)).to.equal(
      '&lt;object&gt;&lt;/object&gt;&lt;embed&gt;',
    );
  });

  it('allows images only where asked, only over https, and only with a source', () => {
    expect(sanitize('<img src="https://example.org/a.png" alt="a" title="t" onerror="x()">', true)).to.equal(
      '<img src="https://example.org/a.png" alt="a" title="t" />',
    );
    expect(sanitize('<img src="https://example.org/a.png" alt="a">', false)).to.equal(
      '&lt;img src="https://example.org/a.png" alt="a" /&gt;',
    );
    for (const src of [
      'http://example.org/a.png',
      '//example.org/a.png',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'javascript:x()',
    ]) {
      expect(sanitize(`<img src="${src}" alt="a">`, true), src).to.equal('');
    }
    expect(sanitize('<img alt="no source">', true)).to.equal('');
  });

  it('lowers headings below the page’s own and keeps tables, lists, quotes and code', () => {
    expect(sanitize('<h1>T</h1><h2>S</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>', true)).to.equal(
      '<h3>T</h3><h4>S</h4><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>',
    );
    const kept =
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>' +
      '<ul><li>u</li></ul><blockquote><p>q</p></blockquote><pre><code>c</code></pre>' +
      '<p><strong>b</strong> <em>i</em> <del>d</del> <s>s</s><br /></p><hr />';
    expect(sanitize(kept, false)).to.equal(kept);
  });

  it('keeps the mention style only on links to a member profile', () => {
    expect(sanitize('<a href="/members/ana" class="mention">@ana</a>', false)).to.equal(
      '<a href="/members/ana" class="mention" rel="ugc">@ana</a>',
    );
    expect(sanitize('<a href="https://evil.example" class="mention">@ana</a>', false)).to.equal(
      '<a href="https://evil.example" rel="nofollow ugc noopener">@ana</a>',
    );
    expect(sanitize('<a class="mention">@ana</a>', false)).to.equal(
      '<a rel="nofollow ugc noopener">@ana</a>',
    );
    expect(sanitize('<a href="/members/ana" class="big">@ana</a>', false)).to.equal(
      '<a href="/members/ana" rel="nofollow ugc noopener">@ana</a>',
    );
    expect(sanitize('<a href="/members/ana" class="mention" rel="me">@ana</a>', false)).to.equal(
      '<a href="/members/ana" rel="ugc" class="mention">@ana</a>',
    );
  });
});

describe('escapeText', () => {
  it('turns every tag into text', () => {
    expect(escapeText('<b>x</b> & <script>y()</script>')).to.equal(
      '&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;y()&lt;/script&gt;',
    );
  });
});
