import { expect } from 'chai';
import { markedToHtml } from '@server/search/search.presenter';

describe('search snippets', () => {
  it('escapes everything and turns only the highlight markers into <mark>', () => {
    expect(markedToHtml('a <script>alert("x")</script> \u0002b&c\u0003 \'d\'')).to.equal(
      'a &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>b&amp;c</mark> &#39;d&#39;',
    );
  });

  it('closes a dangling mark and drops stray markers', () => {
    expect(markedToHtml('\u0003x \u0002y')).to.equal('x <mark>y</mark>');
    expect(markedToHtml('\u0002a\u0002b\u0003')).to.equal('<mark>ab</mark>');
  });
});
