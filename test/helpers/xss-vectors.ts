/** Known cross-site scripting vectors: script tags, event handlers, dangerous URLs, SVG, malformed and encoded markup. */
export const XSS_VECTORS: string[] = [
  '<script>window.__xss = 1</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '<img src=x onerror="window.__xss=1">',
  '<IMG SRC="javascript:window.__xss=1">',
  '<img src="x" onerror=window.__xss=1//',
  '<svg onload=window.__xss=1>',
  '<svg><script>window.__xss=1</script></svg>',
  '<svg><a xlink:href="javascript:window.__xss=1"><text x="20" y="20">x</text></a></svg>',
  '<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>',
  '<body onload=window.__xss=1>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<a href="javascript:window.__xss=1">click</a>',
  '<a href="JaVaScRiPt:window.__xss=1">click</a>',
  '<a href=" javascript:window.__xss=1">click</a>',
  '<a href="jav&#x09;ascript:window.__xss=1">click</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '[click](javascript:window.__xss=1)',
  '[click](JAVASCRIPT:window.__xss=1)',
  '[click](javascript&#58;window.__xss=1)',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click]( javascript:window.__xss=1 )',
  '[click](<javascript:window.__xss=1>)',
  '![x](javascript:window.__xss=1)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](http://insecure.example/a.png)',
  '![x"onerror="window.__xss=1](https://example.org/a.png)',
  '[x](https://example.org" onmouseover="window.__xss=1)',
  '<a href="https://example.org" onclick="window.__xss=1">x</a>',
  '<div style="background:url(javascript:window.__xss=1)">x</div>',
  '<p style="x:expression(window.__xss=1)">x</p>',
  '<style>@import "javascript:window.__xss=1";</style>',
  '<link rel="stylesheet" href="javascript:window.__xss=1">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="javascript:window.__xss=1//">',
  '<form action="javascript:window.__xss=1"><button>x</button></form>',
  '<input onfocus=window.__xss=1 autofocus>',
  '<details open ontoggle=window.__xss=1>',
  '<video><source onerror="window.__xss=1"></video>',
  '<audio src=x onerror=window.__xss=1>',
  '<marquee onstart=window.__xss=1>x</marquee>',
  '<table background="javascript:window.__xss=1"><tr><td>x</td></tr></table>',
  '<td background="javascript:window.__xss=1">',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '</textarea><script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '<!--<script>window.__xss=1</script>-->',
  '<![CDATA[<script>window.__xss=1</script>]]>',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '%3Cscript%3Ewindow.__xss=1%3C/script%3E',
  '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
  '<scr\u0000ipt>window.__xss=1</scr\u0000ipt>',
  '<img src=`x` onerror=`window.__xss=1`>',
  '<img """><script>window.__xss=1</script>">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<template><script>window.__xss=1</script></template>',
  '```html\n<script>window.__xss=1</script>\n```',
  '`<img src=x onerror=window.__xss=1>`',
  '<a href="https://example.org">ok</a><a href="javascript:window.__xss=1">bad</a>',
  '@<script>window.__xss=1</script>',
  '<x onclick=window.__xss=1>click</x>',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'class', 'rel'],
  img: ['src', 'alt', 'title'],
  ol: ['start'],
};
const TAGS = new Set([
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
  'img',
]);

/**
 * The problems of a stored HTML fragment that could run script: tags or attributes outside the
 * allow-list, and links or images whose URL is not http(s), mailto or a site path.
 */
export function unsafeHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const tag = (match[1] ?? '').toLowerCase();
    if (!TAGS.has(tag)) problems.push(`tag <${tag}>`);
    for (const attr of (match[2] ?? '').matchAll(/([^\s=/]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g)) {
      const name = (attr[1] ?? '').toLowerCase();
      const value = (attr[2] ?? '')
        .replace(/^["']|["']$/g, '')
        .replace(/&amp;/g, '&')
        .trim();
      if (!(ALLOWED_ATTRIBUTES[tag] ?? []).includes(name)) problems.push(`attribute ${name} on <${tag}>`);
      if (
        (name === 'href' && !/^(https?:\/\/|mailto:|\/members\/)/i.test(value)) ||
        (name === 'src' && !/^https:\/\//i.test(value))
      ) {
        problems.push(`${name}=${value}`);
      }
    }
  }
  return problems;
}
