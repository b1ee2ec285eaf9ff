import { expect } from 'chai';
import { negotiateAcceptLanguage } from '@server/http/locale';

describe('negotiateAcceptLanguage', () => {
  it('picks the best supported language by quality', () => {
    expect(negotiateAcceptLanguage('de-DE,de;q=0.9,fr;q=0.8,en;q=0.7')).to.equal('fr');
    expect(negotiateAcceptLanguage('pt-BR')).to.equal('pt');
    expect(negotiateAcceptLanguage('en;q=0.5, es-CO;q=0.9')).to.equal('es');
  });

  it('ignores unsupported, malformed and refused languages', () => {
    expect(negotiateAcceptLanguage('de, ja')).to.equal(undefined);
    expect(negotiateAcceptLanguage('fr;q=0, en;q=0.1')).to.equal('en');
    expect(negotiateAcceptLanguage(';;;, q=,')).to.equal(undefined);
    expect(negotiateAcceptLanguage(undefined)).to.equal(undefined);
  });
});
