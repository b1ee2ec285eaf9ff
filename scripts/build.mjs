// Builds what `npm start` serves: the web client (Vite) into dist/client and the server (esbuild)
// into dist/server. With --if-stale, a part is rebuilt only when one of its sources is newer.
import { cp, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');

async function newestMtime(target) {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, await newestMtime(path.join(target, entry)));
  }
  return newest;
}

async function isStale(output, inputs) {
  if (!ifStale) return true;
  const built = await newestMtime(output);
  if (built === 0) return true;
  const sources = await Promise.all(inputs.map((input) => newestMtime(path.join(root, input))));
  return Math.max(...sources) > built;
}

async function buildClient() {
  const out = path.join(root, 'dist', 'client', 'index.html');
  if (!(await isStale(out, ['client', 'shared', 'locales', 'vite.config.ts', 'package-lock.json']))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  await moveSourceMaps();
  await precompress(path.join(root, 'dist', 'client'));
  console.log('built the web client into dist/client (source maps in dist/sourcemaps)');
  // A client over its weight budget fails the build, naming the page and the excess. Without its
  // index.html it is not taken for built by the next --if-stale build (nor served).
  const { checkBudgets } = await import('./budget.mjs');
  const failures = await checkBudgets({ root });
  if (failures.length > 0) {
    await rm(out, { force: true });
    console.error(
      `the web client is over its weight budget:\n${failures.map((f) => `  ${f.message}`).join('\n')}`,
    );
    process.exit(1);
  }
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Text worth compressing: the server serves these files' .br or .gz to browsers that accept them. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|xml)$/;

// Static files are compressed once, at the highest settings, beside the original: serving them costs
// no CPU per request (pages and API answers are compressed on the fly, more lightly).
async function precompress(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await precompress(file);
      continue;
    }
    if (!COMPRESSIBLE.test(entry.name)) continue;
    const content = await readFile(file);
    if (content.length < 1024) continue;
    const [br, gz] = await Promise.all([
      brotli(content, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
  }
}

// Source maps reveal the whole client source and weigh megabytes: kept for operators, not served.
async function moveSourceMaps() {
  const served = path.join(root, 'dist', 'client', 'assets');
  const kept = path.join(root, 'dist', 'sourcemaps');
  await rm(kept, { recursive: true, force: true });
  await mkdir(kept, { recursive: true });
  for (const name of await readdir(served)) {
    if (name.endsWith('.map')) await rename(path.join(served, name), path.join(kept, name));
  }
}

/** Development dependencies the server imports only lazily, on paths a production server never takes. */
const LAZY_DEV_IMPORTS = ['vite', 'socket.io-client'];

async function buildServer() {
  const outDir = path.join(root, 'dist', 'server');
  // The server renders the client's components with their strings: a change to either changes it.
  if (
    !(await isStale(path.join(outDir, 'main.js'), [
      'server',
      'shared',
      'client/src',
      'locales',
      'package.json',
      'package-lock.json',
      'scripts/build.mjs',
    ]))
  )
    return;
  const esbuild = await import('esbuild');
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      main: 'server/main.ts',
      migrate: 'server/db/migrate.cli.ts',
      seed: 'server/seed/seed.cli.ts',
      admin: 'server/members/admin.cli.ts',
      backup: 'server/db/backup.cli.ts',
      restore: 'server/db/restore.cli.ts',
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Production dependencies are loaded from node_modules; what the server renders with from the
    // client's side (React, the router, the query cache: development dependencies) is bundled in, so a
    // run-time install with `npm ci --omit=dev` has everything the server imports. Two development
    // dependencies stay outside because they are only ever imported lazily, where the server never
    // goes: vite (CLIENT_DEV_SERVER) and socket.io-client (the browser's socket).
    external: [...Object.keys(pkg.dependencies), ...LAZY_DEV_IMPORTS],
    // Bundled CommonJS (react-dom/server) requires Node's built-ins.
    banner: {
      js: "import { createRequire as __agoraRequire } from 'node:module'; const require = __agoraRequire(import.meta.url);",
    },
    sourcemap: true,
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  await mkdir(outDir, { recursive: true });
  await cp(path.join(root, 'server', 'db', 'migrations'), path.join(outDir, 'migrations'), {
    recursive: true,
  });
  await cp(
    path.join(root, 'server', 'auth', 'common-passwords.txt'),
    path.join(outDir, 'common-passwords.txt'),
  );
  console.log('built the server into dist/server');
}

await buildClient();
await buildServer();
