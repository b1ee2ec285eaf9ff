import { expect } from 'chai';
import { getTestApp, type TestApp } from '../helpers/app';
import { buildMember } from '../helpers/factories';
import { ApiClient } from '../helpers/http';

describe('CSRF protection', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  const stateChanging: [string, string, unknown][] = [
    [
      'post',
      '/api/v1/auth/register',
      { email: 'csrf@example.org', password: 'a long passphrase', displayName: 'C S' },
    ],
    ['post', '/api/v1/auth/login', { email: 'csrf@example.org', password: 'a long passphrase' }],
    ['post', '/api/v1/auth/logout', undefined],
    ['put', '/api/v1/session/locale', { locale: 'fr' }],
    ['patch', '/api/v1/me', { displayName: 'Changed' }],
  ];

  for (const [method, path, body] of stateChanging) {
    it(`refuses ${method.toUpperCase()} ${path} without a token, with a wrong one, and with another browser's`, async () => {
      const member = await buildMember({ locale: 'en' });
      const client = new ApiClient(app.url, undefined, 'en');
      await client.signIn(member.email, member.password);
      const other = new ApiClient(app.url);
      await other.session();
      for (const token of [undefined, 'forged-token', other.csrfToken]) {
        let request = client.agent[method as 'post'](path)
          .set('X-Forwarded-For', client.ip)
          .set('Accept-Language', 'en');
        if (token) request = request.set('X-CSRF-Token', token);
        const res = await (body === undefined ? request : request.send(body as object));
        expect(res.status, String(token)).to.equal(403);
        expect(res.body.error).to.deep.equal({
          code: 'csrf_invalid',
          message: 'Your security token has expired. Reload the page and try again.',
        });
      }
      // Nothing happened: still signed in, same name, same language.
      const session = await client.session();
      expect(session.user).to.include({ id: member.id, displayName: member.displayName, locale: 'en' });
    });
  }

  it('lets safe methods through without a token', async () => {
    const res = await new ApiClient(app.url).get('/api/v1/categories');
    expect(res.status).to.equal(200);
  });
});
