import { expect } from 'chai';
import { ConfigError, parseConfig } from '@server/config';

describe('config', () => {
  it('gives every variable a working default for the embedded mode', () => {
    const config = parseConfig({});
    expect(config).to.include({
      port: 3000,
      baseUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: './data',
      defaultLocale: 'es',
      membership: 'open',
      logLevel: 'info',
      seedDemo: true,
    });
    expect(config.adminEmails).to.deep.equal([]);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', DEFAULT_LOCALE: '' })).to.include({ port: 3000, defaultLocale: 'es' });
  });

  const invalid: [string, Record<string, string>][] = [
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/agora' }],
    ['BASE_URL', { BASE_URL: 'not a url' }],
    ['DEFAULT_LOCALE', { DEFAULT_LOCALE: 'de' }],
    ['MEMBERSHIP', { MEMBERSHIP: 'invite' }],
    ['ADMIN_EMAILS', { ADMIN_EMAILS: 'admin@example.org, nobody' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['SMTP_URL', { SMTP_URL: 'ftp://mail' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes please' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/8, proxy.example' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
  ];
  for (const [name, env] of invalid) {
    it(`refuses a bad ${name} and names it`, () => {
      expect(() => parseConfig(env))
        .to.throw(ConfigError)
        .with.property('message')
        .that.contains(name);
    });
  }

  it('requires SESSION_SECRET with DATABASE_URL, since several processes must share it', () => {
    expect(() => parseConfig({ DATABASE_URL: 'postgres://localhost/agora' })).to.throw(
      ConfigError,
      /SESSION_SECRET/,
    );
    const config = parseConfig({
      DATABASE_URL: 'postgres://localhost/agora',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(config.databaseUrl).to.equal('postgres://localhost/agora');
  });

  it('reads TRUST_PROXY as Express understands it', () => {
    expect(parseConfig({}).trustProxy).to.deep.equal(['loopback']);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).to.equal(1);
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).to.equal(false);
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).to.deep.equal([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it('seeds demo content by default only into the embedded database', () => {
    expect(parseConfig({}).seedDemo).to.equal(true);
    const server = { DATABASE_URL: 'postgres://localhost/agora', SESSION_SECRET: 'x'.repeat(32) };
    expect(parseConfig(server).seedDemo).to.equal(false);
    expect(parseConfig({ ...server, SEED_DEMO: 'true' }).seedDemo).to.equal(true);
    expect(parseConfig({ SEED_DEMO: 'false' }).seedDemo).to.equal(false);
  });

  it('parses ADMIN_EMAILS as a lower-cased list', () => {
    expect(parseConfig({ ADMIN_EMAILS: ' Ana@Example.org ,bo@example.org,' }).adminEmails).to.deep.equal([
      'ana@example.org',
      'bo@example.org',
    ]);
  });

  it('derives BASE_URL from PORT and trims a trailing slash', () => {
    expect(parseConfig({ PORT: '8080' }).baseUrl).to.equal('http://localhost:8080');
    expect(parseConfig({ BASE_URL: 'https://agora.example.org/' }).baseUrl).to.equal(
      'https://agora.example.org',
    );
  });
});

describe('config: OIDC_PROVIDERS', () => {
  const name = { es: 'Acceso', pt: 'Acesso', en: 'Access', fr: 'Accès' };
  const one = {
    id: 'keycloak',
    issuer: 'https://sso.example.org/realms/agora',
    clientId: 'a',
    clientSecret: 'b',
    name,
  };

  it('parses a JSON array of providers, empty by default', () => {
    expect(parseConfig({}).oidcProviders).to.deep.equal([]);
    expect(parseConfig({ OIDC_PROVIDERS: JSON.stringify([one]) }).oidcProviders).to.deep.equal([
      { ...one, userInfoMethod: 'GET' },
    ]);
  });

  it('asks UserInfo by GET unless the provider says POST', () => {
    const post = { ...one, userInfoMethod: 'POST' };
    expect(parseConfig({ OIDC_PROVIDERS: JSON.stringify([post]) }).oidcProviders).to.deep.equal([post]);
  });

  for (const [label, value] of [
    ['not JSON', '[{'],
    ['plain http off loopback', JSON.stringify([{ ...one, issuer: 'http://sso.example.org' }])],
    ['a name missing a language', JSON.stringify([{ ...one, name: { es: 'x', pt: 'x', en: 'x' } }])],
    ['duplicate ids', JSON.stringify([one, one])],
    ['an id with capitals', JSON.stringify([{ ...one, id: 'KeyCloak' }])],
    ['a UserInfo method other than GET or POST', JSON.stringify([{ ...one, userInfoMethod: 'PUT' }])],
  ] as const) {
    it(`refuses ${label}, naming the variable`, () => {
      expect(() => parseConfig({ OIDC_PROVIDERS: value })).to.throw(ConfigError, /OIDC_PROVIDERS/);
    });
  }
});
