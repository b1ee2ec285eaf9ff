import { expect } from 'chai';
import { detectContentLang } from '@server/content/language';

describe('language of content', () => {
  it('recognizes the four languages in ordinary sentences', () => {
    expect(detectContentLang('Los compromisos del gobierno abierto se publican cada año.')).to.equal('es');
    expect(detectContentLang('A participação social melhora as políticas públicas do município.')).to.equal(
      'pt',
    );
    expect(detectContentLang('Publishing every contract reduced complaints from bidders.')).to.equal('en');
    expect(detectContentLang('Les engagements du gouvernement ouvert sont publiés chaque année.')).to.equal(
      'fr',
    );
  });

  it('says "other" for another language and nothing for text too short to tell', () => {
    expect(detectContentLang('Die Bundesregierung veröffentlicht offene Daten jedes Jahr.')).to.equal(
      'other',
    );
    expect(detectContentLang('Gracias!')).to.equal(undefined);
    expect(detectContentLang('`code` https://example.org/a/very/long/path @maria')).to.equal(undefined);
  });
});
