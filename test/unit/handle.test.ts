import { expect } from 'chai';
import { handleFromName } from '@server/members/member.service';

describe('handleFromName', () => {
  it('folds accents and separators into a URL-safe handle', () => {
    expect(handleFromName('María José Núñez')).to.equal('maria_jose_nunez');
    expect(handleFromName('Jean-Baptiste Joseph')).to.equal('jean_baptiste_joseph');
    expect(handleFromName('João')).to.equal('joao');
  });

  it('always produces a valid handle, even from names with no Latin letters', () => {
    for (const name of ['李', 'Al', '—', 'x'.repeat(200)]) {
      expect(handleFromName(name)).to.match(/^[a-z0-9_]{3,30}$/);
    }
  });
});
