import { expect } from 'chai';
import { hashPassword, passwordProblem, verifyPassword } from '@server/auth/password';

describe('passwords', () => {
  it('hashes with argon2id at OWASP parameters and verifies', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'a long enough passphrase')).to.equal(true);
    expect(await verifyPassword(hash, 'a long enough passphrasf')).to.equal(false);
  });

  it('answers false, after the same work, when there is no hash', async () => {
    expect(await verifyPassword(undefined, 'whatever it is')).to.equal(false);
    expect(await verifyPassword('not-a-hash', 'whatever it is')).to.equal(false);
  });

  it('refuses common passwords from the shipped list, whatever their case', () => {
    expect(passwordProblem('1234567890', 'a@example.org')).to.deep.equal({ code: 'password_common' });
    expect(passwordProblem('QWERTYUIOP', 'a@example.org')).to.deep.equal({ code: 'password_common' });
  });

  it('refuses a base word padded with digits and symbols', () => {
    expect(passwordProblem('Contraseña2024!', 'a@example.org')).to.deep.equal({ code: 'password_common' });
    expect(passwordProblem('senha1234567', 'a@example.org')).to.deep.equal({ code: 'password_common' });
    expect(passwordProblem('aaaaaaaaaaaa', 'a@example.org')).to.deep.equal({ code: 'password_common' });
  });

  it('refuses a password built around the e-mail name', () => {
    expect(passwordProblem('mariagomez-2024', 'mariagomez@example.org')).to.deep.equal({
      code: 'password_contains_email',
    });
  });

  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('datos abiertos en Cusco', 'rosa@example.org')).to.equal(undefined);
  });
});
