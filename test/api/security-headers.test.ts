import { expect } from 'chai';
import { getTestApp, startTestApp, type TestApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

describe('security headers', () => {
  let app: TestApp;
  before(async () => {
    app = await getTestApp();
  });

  for (const path of ['/', '/api/v1/session', '/no-such-page']) {
    it(`sends a strict policy on ${path}`, async () => {
      const res = await new ApiClient(app.url).get(path);
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp.get('script-src')).to.equal("'self'");
      expect(csp.get('default-src')).to.equal("'self'");
      expect(csp.get('object-src')).to.equal("'none'");
      expect(csp.get('base-uri')).to.equal("'none'");
      expect(csp.get('frame-ancestors')).to.equal("'none'");
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['referrer-policy']).to.equal('strict-origin-when-cross-origin');
      expect(res.headers).not.to.have.property('x-powered-by');
      expect(res.headers['x-request-id']).to.be.a('string');
    });
  }

  it('sends no HSTS outside production', async () => {
    const res = await new ApiClient(app.url).get('/api/v1/session');
    expect(res.headers).not.to.have.property('strict-transport-security');
  });

  describe('in production behind HTTPS', () => {
    let prod: TestApp;
    before(async function () {
      this.timeout(60_000);
      prod = await startTestApp({
        NODE_ENV: 'production',
        BASE_URL: 'https://agora.example.org',
        SESSION_SECRET: 'p'.repeat(40),
      });
    });
    after(async () => {
      await prod?.dispose();
    });

    it('sends HSTS and marks cookies Secure', async () => {
      const res = await new ApiClient(prod.url).get('/api/v1/session').set('X-Forwarded-Proto', 'https');
      expect(res.headers['strict-transport-security']).to.match(/max-age=31536000/);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(cookies.length).to.be.greaterThan(0);
      for (const cookie of cookies) expect(cookie).to.match(/;\s*Secure/i);
    });
  });
});
