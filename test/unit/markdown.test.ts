import { expect } from 'chai';
import { mentionCandidates, renderMarkdown } from '@server/content/markdown';

const render = (source: string, allowImages = true, known: string[] = []) =>
  renderMarkdown(source, { allowImages, knownHandles: new Set(known) }).html;

describe('renderMarkdown', () => {
  it('renders the usual Markdown', () => {
    expect(render('**datos** _abiertos_')).to.equal('<p><strong>datos</strong> <em>abiertos</em></p>\n');
    expect(render('- uno\n- dos')).to.contain('<ul>\n<li>uno</li>');
    expect(render('`code`')).to.contain('<code>code</code>');
  });

  it('shows raw HTML as text instead of parsing it', () => {
    const html = render('<script>alert(1)</script><b onclick="x()">hi</b>');
    expect(html).not.to.match(/<script|<b /);
    expect(html).to.contain('&lt;script&gt;');
  });

  it('gives external links rel="nofollow ugc noopener" and keeps only http(s) and mailto', () => {
    expect(render('[site](https://example.org)')).to.equal(
      '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>\n',
    );
    expect(render('[mail](mailto:a@example.org)')).to.contain('href="mailto:a@example.org"');
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:x',
    ]) {
      expect(render(`[x](${url})`), url).not.to.match(/href="(javascript|data|vbscript)/i);
    }
  });

  it('allows images only from https, and none where images are off', () => {
    expect(render('![map](https://example.org/map.png)')).to.contain(
      '<img src="https://example.org/map.png" alt="map" />',
    );
    expect(render('![map](http://example.org/map.png)')).not.to.contain('<img');
    expect(render('![map](https://example.org/map.png)', false)).not.to.contain('<img');
  });

  it('demotes headings below the page’s own', () => {
    expect(render('# Title')).to.equal('<h3>Title</h3>\n');
  });

  it('links mentions of existing members only, outside code', () => {
    const result = renderMarkdown('Hola @Maria_Lopez y @nadie, mira `@maria_lopez`', {
      allowImages: true,
      knownHandles: new Set(['maria_lopez']),
    });
    expect(result.html).to.contain(
      '<a href="/members/maria_lopez" class="mention" rel="ugc">@Maria_Lopez</a>',
    );
    expect(result.html).to.contain('@nadie');
    expect(result.html).not.to.contain('/members/nadie');
    expect(result.mentions).to.deep.equal(['maria_lopez']);
  });

  it('finds mention candidates, ignoring e-mail addresses and code', () => {
    expect(mentionCandidates('@ana_b y @joao, no a@b.org ni `@code`')).to.deep.equal(['ana_b', 'joao']);
  });
});
