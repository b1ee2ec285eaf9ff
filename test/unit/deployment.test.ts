import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { YAML11_SCHEMA, load } from 'js-yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** One stage of a Dockerfile: its name and its instructions (continuation lines joined). */
interface Stage {
  name: string | undefined;
  instructions: { keyword: string; args: string }[];
}

function dockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1], instructions: [] });
    }
    stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const argsOf = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
  ports?: string[];
}

// Compose files are YAML 1.1 with merge keys (`<<: *app`); js-yaml comes with mocha.
function composeServices(): Record<string, ComposeService> {
  const parsed = load(read('compose.yaml'), { schema: YAML11_SCHEMA }) as {
    services: Record<string, ComposeService>;
  };
  return parsed.services;
}

describe('the container image and compose deployment (static)', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;

  it('builds the client and the server in a build stage with the development dependencies', () => {
    expect(stages.length).to.be.at.least(2);
    const build = stages[0]!;
    const runs = argsOf(build, 'RUN').join('\n');
    expect(runs).to.match(/npm ci(?! --omit)/);
    expect(runs).to.contain('npm run build');
    expect(argsOf(runtime, 'COPY').join('\n')).to.contain(`--from=${build.name}`);
  });

  it('runs with production dependencies only, as a user that is not root, with a readiness health check', () => {
    const runs = argsOf(runtime, 'RUN').join('\n');
    expect(runs).to.match(/npm ci [^\n]*--omit=dev/);
    expect(runs).not.to.contain('npm run build');
    const users = argsOf(runtime, 'USER');
    expect(users, 'the runtime stage sets USER').to.have.length.at.least(1);
    expect(users.at(-1)).not.to.match(/^(root|0)(:|$)/);
    const healthcheck = argsOf(runtime, 'HEALTHCHECK').join(' ');
    expect(healthcheck).to.contain('/readyz');
    const env = argsOf(runtime, 'ENV').join(' ');
    expect(env).to.match(/NODE_ENV=production/);
    const port = /PORT=(\d+)/.exec(env)?.[1];
    expect(argsOf(runtime, 'EXPOSE')).to.deep.equal([port]);
    expect(argsOf(runtime, 'CMD').join(' ')).to.contain('dist/server/main.js');
  });

  it('declares two app services behind the proxy, each with what several processes need', () => {
    const services = composeServices();
    const apps = Object.entries(services).filter(([, s]) => s.environment?.DATABASE_URL !== undefined);
    expect(apps.map(([name]) => name)).to.have.members(['app1', 'app2']);
    for (const [name, app] of apps) {
      const env = app.environment!;
      expect(app.build, name).to.equal('.');
      expect(env.NODE_ENV, name).to.equal('production');
      expect(env.DATABASE_URL, name).to.match(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(env.REDIS_URL, name).to.equal('redis://redis:6379');
      expect(env.SESSION_SECRET, name).to.match(/^\$\{SESSION_SECRET:\?/);
      expect(env.BASE_URL, name).to.be.a('string');
      expect(env.TRUST_PROXY, name).to.be.a('string');
      expect(app.ports, `${name} is reached through the proxy only`).to.equal(undefined);
      expect(Object.keys(app.depends_on ?? {})).to.include.members(['postgres', 'redis']);
    }
    expect(apps[0]![1].volumes, 'one DATA_DIR (avatars) for both').to.deep.equal(apps[1]![1].volumes);
    expect(services.postgres?.image).to.match(/^postgres:/);
    expect(services.redis?.image).to.match(/^redis:/);
    const proxy = services.proxy!;
    expect(proxy.ports).to.have.length.at.least(1);
    expect(proxy.volumes?.join('\n')).to.contain('./deploy/nginx.conf:');
  });

  it('gives the proxy sticky sessions over both apps and WebSocket upgrades', () => {
    const conf = read('deploy/nginx.conf').replace(/#.*$/gm, '');
    const upstream = /upstream\s+\w+\s*\{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(upstream).to.match(/\b(hash\s+\S+\s+consistent|ip_hash)\s*;/);
    expect(upstream).to.match(/server\s+app1:3000\b/);
    expect(upstream).to.match(/server\s+app2:3000\b/);
    expect(conf).to.match(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(conf).to.match(/proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    expect(conf).to.match(/proxy_set_header\s+X-Forwarded-For\s+/);
    expect(conf).to.match(/proxy_set_header\s+X-Forwarded-Proto\s+/);
  });

  it('a server built for production imports only production dependencies', function () {
    const bundle = path.join(root, 'dist', 'server', 'main.js');
    if (!existsSync(bundle)) {
      console.log('    (skipped: no dist/server/main.js; `npm test` and `npm run build` build it)');
      this.skip();
    }
    const code = readFileSync(bundle, 'utf8');
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const packageOf = (specifier: string) => {
      const bare = specifier.replace(/^node:/, '');
      return bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : bare.split('/')[0]!;
    };
    const staticImports = [...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
    const requires = [...code.matchAll(/__require\(["']([^"']+)["']\)/g)].map((m) => m[1]!);
    expect(staticImports.length).to.be.above(10);
    const missing = [...staticImports, ...requires].filter((s) => !allowed.has(packageOf(s)));
    expect(
      [...new Set(missing)],
      'imported at load by dist/server/main.js, absent with --omit=dev',
    ).to.deep.equal([]);
    // Lazily imported development dependencies: only on paths a production server never takes.
    const lazy = [...code.matchAll(/\bimport\(["']([^"'./][^"']*)["']\)/g)].map((m) => packageOf(m[1]!));
    expect([...new Set(lazy.filter((name) => !allowed.has(name)))].sort()).to.deep.equal([
      'socket.io-client',
      'vite',
    ]);
  });
});

function dockerAvailable(): { ok: true } | { ok: false; why: string } {
  if (process.env.SKIP_DOCKER_TESTS === '1') return { ok: false, why: 'SKIP_DOCKER_TESTS=1' };
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  if (info.error) return { ok: false, why: 'no docker command' };
  if (info.status !== 0) return { ok: false, why: 'the docker daemon does not answer (`docker info` fails)' };
  const compose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (compose.status !== 0) return { ok: false, why: 'no `docker compose` plugin' };
  return { ok: true };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the compose deployment, built and started', function () {
  // Building the image installs and builds everything: minutes on a cold cache.
  this.timeout(20 * 60_000);
  const project = `agora-test-${process.pid}`;
  let env: NodeJS.ProcessEnv;
  let base: string;
  const compose = (...args: string[]) =>
    execFileSync('docker', ['compose', '--project-name', project, ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  before(async function () {
    const docker = dockerAvailable();
    if (!docker.ok) {
      console.log(`    (skipped: ${docker.why}; the static checks above still ran)`);
      this.skip();
    }
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      SESSION_SECRET: 'compose-test-secret-0123456789abcdefghijklmnop',
      POSTGRES_PASSWORD: 'compose-test-password',
      HTTP_PORT: String(port),
      BASE_URL: base,
    };
    compose('config', '--quiet');
    compose('up', '--detach', '--build', '--wait', '--wait-timeout', '600');
  });

  after(function () {
    if (!env) return;
    try {
      compose('down', '--volumes', '--remove-orphans');
    } catch (error) {
      console.log(`    (could not remove the compose project ${project}: ${String(error)})`);
    }
  });

  it('serves through the proxy once both apps report healthy, as a user that is not root', async () => {
    const states = compose('ps', '--format', '{{.Service}} {{.Health}}')
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    for (const app of ['app1', 'app2']) {
      expect(states.find(([service]) => service === app)?.[1], app).to.equal('healthy');
      expect(compose('exec', '-T', app, 'id', '-u').trim(), app).not.to.equal('0');
    }
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({ status: 'ready' });
    // Sticky sessions: the first answer gives the browser its routing cookie, later ones keep it.
    const first = await fetch(`${base}/api/v1/session`);
    expect(first.status).to.equal(200);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith('agora_node='));
    expect(cookie).to.be.a('string');
    const again = await fetch(`${base}/api/v1/session`, { headers: { cookie: cookie!.split(';')[0]! } });
    expect(again.headers.getSetCookie().some((c) => c.startsWith('agora_node='))).to.equal(false);
    // The metrics stay off the public address.
    expect((await fetch(`${base}/metrics`)).status).to.equal(404);
  });
});
