import { expect } from 'chai';
import { previewSvg, wrapLines } from '@server/syndication/preview';
import { textWidth } from '@server/syndication/text-width';
import { escapeXml } from '@server/syndication/xml';

describe('link-preview layout', () => {
  describe('wrapLines', () => {
    it('breaks between words, every line within the width', () => {
      const lines = wrapLines(
        'How do you keep participatory budgeting inclusive beyond the capital?',
        64,
        1040,
      );
      expect(lines.length).to.be.greaterThan(1);
      expect(lines.join(' ')).to.equal(
        'How do you keep participatory budgeting inclusive beyond the capital?',
      );
      for (const line of lines) expect(textWidth(line, 64)).to.be.at.most(1040);
    });

    it('keeps at most the lines asked for, the last one ending with an ellipsis within the width', () => {
      const lines = wrapLines('palabra '.repeat(60), 64, 1040, 3);
      expect(lines).to.have.length(3);
      expect(lines[2]).to.match(/…$/);
      expect(textWidth(lines[2] ?? '', 64)).to.be.at.most(1040);
    });

    it('cuts a word longer than a line, after a hyphen when it has one', () => {
      const lines = wrapLines(`${'a'.repeat(20)}-${'b'.repeat(10)}`, 64, 1040);
      expect(lines).to.deep.equal([`${'a'.repeat(20)}-`, 'b'.repeat(10)]);
      const long = wrapLines('x'.repeat(100), 64, 1040);
      expect(long.join('')).to.equal('x'.repeat(100));
      for (const line of long) expect(textWidth(line, 64)).to.be.at.most(1040);
    });

    it('measures accented letters as their base letters', () => {
      expect(textWidth('Ágora ação', 10)).to.equal(textWidth('Agora acao', 10));
    });
  });

  describe('previewSvg', () => {
    it('escapes what it draws, and marks an answered question', () => {
      const svg = previewSvg({
        title: 'Q&A <script> "x"',
        lang: 'es',
        category: 'Datos & <abiertos>',
        answered: 'Respondida',
        site: 'Ágora',
      });
      expect(svg).to.include(escapeXml('Q&A <script> "x"'));
      expect(svg).to.include(escapeXml('Datos & <abiertos>'));
      expect(svg).to.not.include('<script>');
      expect(svg).to.include('✓ Respondida');
      expect(
        previewSvg({ title: 'Título', lang: 'es', category: 'C', answered: null, site: 'Ágora' }),
      ).to.not.include('✓');
    });
  });

  describe('escapeXml', () => {
    it('escapes markup and drops characters XML forbids, keeping astral characters', () => {
      expect(escapeXml('a&b<c>"d\'')).to.equal('a&#38;b&#60;c&#62;&#34;d&#39;');
      expect(escapeXml('x\u0000\u0008y\uFFFEz\uD800')).to.equal('xyz');
      expect(escapeXml('tab\tnew\nline 🌎')).to.equal('tab\tnew\nline 🌎');
    });
  });
});
