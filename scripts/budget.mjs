// The weight budget of the web client: what a visitor downloads before a page can show, measured from
// the Vite manifest of the built client. scripts/build.mjs runs it after every client build and fails
// the build when a page is over; `node scripts/budget.mjs` checks the current dist/client again.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

/**
 * What the build enforces, in bytes of gzip (1 kB = 1000 bytes): the sizes measured when the check was
 * introduced plus a little room, so that the client can only get lighter. `pages` names a page by its
 * module in client/src/pages; the entry is what every page pays for, and the home page is in it.
 * Lower these as the client loses weight, until they reach TARGETS.
 */
export const BUDGETS = Object.freeze({
  entry: 184_000,
  pages: Object.freeze({ ThreadPage: 197_000 }),
  anyPage: 193_000,
  css: 20_000,
});

/**
 * Where the client must get to (docs/performance.md, "Bundle sizes"): reported with every build, and
 * enforced by `node scripts/budget.mjs --targets`. The framework alone (React DOM, React Router,
 * TanStack Query, i18next) is ~109 kB of gzip today, so the 100 kB pages need more than code splitting.
 */
export const TARGETS = Object.freeze({
  entry: 100_000,
  pages: Object.freeze({ ThreadPage: 100_000, HomePage: 100_000 }),
  anyPage: 150_000,
  css: 20_000,
});

/** The name of the row that stands for the entry alone (the home page, statically in it). */
export const ENTRY_ROW = 'entry (HomePage)';

/**
 * The language of a chunk of interface strings: vite.config.ts groups `locales/<lang>/*.json` into a
 * `locales-<lang>` chunk; a chunk built from one locale file (once languages load on demand) has it in
 * its source path. `null` for code.
 */
export function localeOf(chunk) {
  const byName = /^locales-([a-z]{2})$/.exec(chunk.name ?? '');
  if (byName) return byName[1];
  const bySource = /(?:^|\/)locales\/([a-z]{2})\/[^/]+\.json$/.exec(chunk.src ?? '');
  return bySource ? bySource[1] : null;
}

/** The manifest keys a chunk loads before it runs: itself and its static imports, transitively. */
export function staticClosure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return seen;
}

/**
 * What a page needs before it shows: the entry and the page's lazy chunk with their static imports
 * (a chunk shared by both counted once), their CSS, and the interface strings by language. Strings
 * count when statically imported (`eagerStrings`: all of them today) or when a needed chunk imports
 * them dynamically (once languages load on demand, the active one is fetched at start).
 */
export function initialAssets(manifest, entryKey, pageKey) {
  const keys = staticClosure(manifest, pageKey ? [entryKey, pageKey] : [entryKey]);
  const code = new Set();
  const css = new Set();
  const eagerStrings = new Set();
  /** @type {Map<string, Set<string>>} */
  const strings = new Map();
  const addStrings = (lang, file) => {
    if (!strings.has(lang)) strings.set(lang, new Set());
    strings.get(lang).add(file);
  };
  for (const key of keys) {
    const chunk = manifest[key];
    const lang = localeOf(chunk);
    if (lang) {
      addStrings(lang, chunk.file);
      eagerStrings.add(chunk.file);
    } else code.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    // A language loaded on demand: the dynamically imported chunk (a strings file, or a module that
    // imports one language's strings) with what it imports that is not loaded already.
    for (const dynamic of chunk.dynamicImports ?? []) {
      const loads = [...staticClosure(manifest, [dynamic])].filter((k) => !keys.has(k));
      const langs = new Set(loads.map((k) => localeOf(manifest[k])).filter(Boolean));
      if (langs.size !== 1) continue;
      const [dynamicLang] = langs;
      for (const k of loads) addStrings(dynamicLang, manifest[k].file);
    }
  }
  return { code: [...code], css: [...css], strings, eagerStrings: [...eagerStrings] };
}

/** Adds up the sizes of files, each measured once by `sizeOf(file) → { raw, gzip, brotli }`. */
export function total(files, sizeOf) {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const size = sizeOf(file);
    sum.raw += size.raw;
    sum.gzip += size.gzip;
    sum.brotli += size.brotli;
  }
  return sum;
}

/** Adds two sizes. */
function plus(a, b) {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

/** The JS budget of a row: its own if it has one, else any page's. */
export function budgetOf(row, budgets = BUDGETS) {
  if (row === ENTRY_ROW) return budgets.entry;
  return budgets.pages[row] ?? budgets.anyPage;
}

/**
 * Measures every page: `pages` maps a page's name to its manifest key (the entry's row has none).
 * `js` is what the budget holds to: code plus one language's strings, the largest; `asBuilt` is what
 * the build loads today (every language its chunks import statically).
 */
export function measurePages(manifest, pages, sizeOf) {
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entryKey) throw new Error('the manifest has no entry chunk');
  const rows = [];
  for (const [name, pageKey] of [[ENTRY_ROW, null], ...Object.entries(pages)]) {
    if (pageKey && !manifest[pageKey]) throw new Error(`${name}: the manifest has no chunk ${pageKey}`);
    const assets = initialAssets(manifest, entryKey, pageKey);
    const code = total(assets.code, sizeOf);
    let oneLanguage = { raw: 0, gzip: 0, brotli: 0 };
    for (const files of assets.strings.values()) {
      const size = total(files, sizeOf);
      if (size.gzip > oneLanguage.gzip) oneLanguage = size;
    }
    rows.push({
      name,
      code,
      strings: oneLanguage,
      js: plus(code, oneLanguage),
      asBuilt: plus(code, total(assets.eagerStrings, sizeOf)),
      css: total(assets.css, sizeOf),
    });
  }
  return rows;
}

/** The rows over budget, each with a sentence naming the page and the excess. */
export function overBudget(rows, budgets = BUDGETS) {
  const failures = [];
  for (const row of rows) {
    const jsBudget = budgetOf(row.name, budgets);
    if (row.js.gzip > jsBudget)
      failures.push({
        page: row.name,
        kind: 'js',
        size: row.js.gzip,
        budget: jsBudget,
        excess: row.js.gzip - jsBudget,
        message: `${row.name}: initial JavaScript is ${kB(row.js.gzip)} gzip, ${kB(row.js.gzip - jsBudget)} over its budget of ${kB(jsBudget)}`,
      });
    if (row.css.gzip > budgets.css)
      failures.push({
        page: row.name,
        kind: 'css',
        size: row.css.gzip,
        budget: budgets.css,
        excess: row.css.gzip - budgets.css,
        message: `${row.name}: CSS is ${kB(row.css.gzip)} gzip, ${kB(row.css.gzip - budgets.css)} over its budget of ${kB(budgets.css)}`,
      });
  }
  return failures;
}

/** Bytes as kilobytes (1 kB = 1000 bytes), one decimal. */
export function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/**
 * The measured rows as a Markdown table (also readable in a terminal): the code alone, the code with
 * one language's strings (what the budget holds), and the JS as built today (every language its chunks
 * import statically).
 */
export function formatTable(rows, budgets = BUDGETS, targets = TARGETS) {
  const triple = (size) => `${kB(size.raw)} / ${kB(size.gzip)} / ${kB(size.brotli)}`;
  const lines = [
    '| page | JS without strings (raw / gzip / brotli) | JS with one language (raw / gzip / brotli) | JS as built, all languages (gzip) | JS budget / target (gzip) | CSS (raw / gzip / brotli) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.name} | ${triple(row.code)} | ${triple(row.js)} | ${kB(row.asBuilt.gzip)} | ${kB(budgetOf(row.name, budgets))} / ${kB(budgetOf(row.name, targets))} | ${triple(row.css)} |`,
    );
  return lines.join('\n');
}

/** The lazy pages of client/src/pages/lazyPages.ts, by name, with their manifest keys. */
export function lazyPagesOf(source) {
  const pages = {};
  for (const match of source.matchAll(/import\('\.\/(\w+)'\)/g))
    pages[match[1]] = `src/pages/${match[1]}.tsx`;
  return pages;
}

/** Compresses a file as scripts/build.mjs does, for files too small to have their .gz and .br. */
function compressed(content) {
  return {
    gzip: zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
    brotli: zlib.brotliCompressSync(content, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
    }),
  };
}

/**
 * Measures every file a manifest names, from the .gz and .br scripts/build.mjs writes beside them, and
 * returns a synchronous `sizeOf(file)`.
 */
export async function sizesIn(manifest, distDir) {
  const files = new Set();
  for (const chunk of Object.values(manifest)) {
    files.add(chunk.file);
    for (const file of chunk.css ?? []) files.add(file);
  }
  const sizes = new Map();
  for (const file of files) {
    const full = path.join(distDir, file);
    const content = await readFile(full);
    const fallback = existsSync(`${full}.gz`) && existsSync(`${full}.br`) ? null : compressed(content);
    const gzip = fallback ? fallback.gzip : await readFile(`${full}.gz`);
    const brotli = fallback ? fallback.brotli : await readFile(`${full}.br`);
    sizes.set(file, { raw: content.length, gzip: gzip.length, brotli: brotli.length });
  }
  return (file) => {
    const size = sizes.get(file);
    if (!size) throw new Error(`no size for ${file}`);
    return size;
  };
}

/**
 * Measures the built client in `distDir`, prints the table and how far the pages are from the targets,
 * and returns the rows over `budgets` (none when every page is within them).
 */
export async function checkBudgets({
  root,
  distDir = path.join(root, 'dist', 'client'),
  budgets = BUDGETS,
  log = console.log,
}) {
  const manifest = JSON.parse(await readFile(path.join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const pages = lazyPagesOf(
    await readFile(path.join(root, 'client', 'src', 'pages', 'lazyPages.ts'), 'utf8'),
  );
  const rows = measurePages(manifest, pages, await sizesIn(manifest, distDir));
  log(
    `initial download per page (gzip counts; strings: the largest language)\n${formatTable(rows, budgets)}`,
  );
  if (budgets !== TARGETS) {
    const far = overBudget(rows, TARGETS);
    if (far.length > 0) log(`${far.length} page(s) over the targets, e.g. ${far[0].message}`);
  }
  return overBudget(rows, budgets);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const budgets = process.argv.includes('--targets') ? TARGETS : BUDGETS;
  const failures = await checkBudgets({ root, budgets });
  if (failures.length > 0) {
    console.error(
      `the web client is over its weight budget:\n${failures.map((f) => `  ${f.message}`).join('\n')}`,
    );
    process.exit(1);
  }
}
