import { expect } from 'chai';
import {
  ENTRY_ROW,
  initialAssets,
  lazyPagesOf,
  localeOf,
  measurePages,
  overBudget,
  staticClosure,
  type Budgets,
  type Manifest,
  type Size,
} from '../../scripts/budget.mjs';

/**
 * A small build: the entry imports the framework, which imports a runtime; two pages share a chunk
 * (also imported by the entry); one page is heavy. Strings come in two languages, statically imported.
 */
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor.js', '_shared.js', '_locales-es.js', '_locales-fr.js'],
    dynamicImports: ['src/pages/ThreadPage.tsx', 'src/pages/AdminPage.tsx', 'src/realtime.ts'],
    css: ['assets/index.css'],
  },
  '_vendor.js': { file: 'assets/vendor.js', name: 'vendor', imports: ['_runtime.js'] },
  '_runtime.js': { file: 'assets/runtime.js', name: 'runtime' },
  '_shared.js': { file: 'assets/shared.js', name: 'shared', imports: ['_runtime.js'] },
  '_locales-es.js': { file: 'assets/locales-es.js', name: 'locales-es' },
  '_locales-fr.js': { file: 'assets/locales-fr.js', name: 'locales-fr' },
  'src/pages/ThreadPage.tsx': {
    file: 'assets/ThreadPage.js',
    src: 'src/pages/ThreadPage.tsx',
    isDynamicEntry: true,
    imports: ['_shared.js', '_markdown.js'],
    css: ['assets/ThreadPage.css'],
  },
  '_markdown.js': { file: 'assets/markdown.js', name: 'markdown', imports: ['_vendor.js'] },
  'src/pages/AdminPage.tsx': {
    file: 'assets/AdminPage.js',
    src: 'src/pages/AdminPage.tsx',
    isDynamicEntry: true,
    imports: ['_qrcode.js'],
  },
  '_qrcode.js': { file: 'assets/qrcode.js', name: 'qrcode' },
  'src/realtime.ts': { file: 'assets/realtime.js', src: 'src/realtime.ts', isDynamicEntry: true },
};

/** Gzip sizes of the synthetic files (raw is ten times, brotli 90 %). */
const GZIP: Record<string, number> = {
  'assets/index.js': 10_000,
  'assets/vendor.js': 40_000,
  'assets/runtime.js': 1_000,
  'assets/shared.js': 5_000,
  'assets/locales-es.js': 8_000,
  'assets/locales-fr.js': 9_000,
  'assets/ThreadPage.js': 6_000,
  'assets/markdown.js': 20_000,
  'assets/AdminPage.js': 4_000,
  'assets/qrcode.js': 70_000,
  'assets/realtime.js': 13_000,
  'assets/index.css': 3_000,
  'assets/ThreadPage.css': 1_500,
};

function sizeOf(file: string): Size {
  const gzip = GZIP[file];
  if (gzip === undefined) throw new Error(`unexpected file ${file}`);
  return { raw: gzip * 10, gzip, brotli: gzip * 0.9 };
}

const budgets: Budgets = {
  entry: 80_000,
  pages: { ThreadPage: 100_000 },
  anyPage: 120_000,
  css: 4_000,
};

const pages = { ThreadPage: 'src/pages/ThreadPage.tsx', AdminPage: 'src/pages/AdminPage.tsx' };

function rowOf(name: string) {
  const row = measurePages(manifest, pages, sizeOf).find((r) => r.name === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

describe('the weight budget (scripts/budget.mjs)', () => {
  describe('staticClosure', () => {
    it('follows static imports transitively, each chunk once, and not dynamic imports', () => {
      const keys = staticClosure(manifest, ['src/pages/ThreadPage.tsx']);
      expect([...keys].sort()).to.deep.equal(
        ['_markdown.js', '_runtime.js', '_shared.js', '_vendor.js', 'src/pages/ThreadPage.tsx'].sort(),
      );
    });

    it('names a chunk the manifest lacks', () => {
      expect(() => staticClosure(manifest, ['src/pages/Nowhere.tsx'])).to.throw(/Nowhere/);
    });
  });

  describe('initialAssets', () => {
    it('counts a chunk shared by the entry and the page once, and the CSS of both', () => {
      const assets = initialAssets(manifest, 'index.html', 'src/pages/ThreadPage.tsx');
      expect(assets.code.filter((file) => file === 'assets/shared.js')).to.have.length(1);
      expect(assets.code.sort()).to.deep.equal(
        [
          'assets/index.js',
          'assets/vendor.js',
          'assets/runtime.js',
          'assets/shared.js',
          'assets/ThreadPage.js',
          'assets/markdown.js',
        ].sort(),
      );
      expect(assets.css.sort()).to.deep.equal(['assets/ThreadPage.css', 'assets/index.css']);
      expect(assets.code).not.to.include('assets/realtime.js');
    });

    it('keeps the strings apart, by language', () => {
      const assets = initialAssets(manifest, 'index.html', null);
      expect([...assets.strings.keys()].sort()).to.deep.equal(['es', 'fr']);
      expect(assets.code).not.to.include('assets/locales-es.js');
    });

    it('counts the strings a needed chunk loads on demand, as the active language will be', () => {
      const lazy: Manifest = {
        'index.html': {
          file: 'assets/index.js',
          isEntry: true,
          dynamicImports: ['../locales/pt/common.json'],
        },
        '../locales/pt/common.json': {
          file: 'assets/common.js',
          src: '../locales/pt/common.json',
          isDynamicEntry: true,
        },
      };
      const assets = initialAssets(lazy, 'index.html', null);
      expect([...(assets.strings.get('pt') ?? [])]).to.deep.equal(['assets/common.js']);
      expect(assets.eagerStrings).to.deep.equal([]);
    });

    it('counts a language module loaded on demand with the strings chunk it imports, one language at a time', () => {
      const bundles: Manifest = {
        'index.html': {
          file: 'assets/index.js',
          isEntry: true,
          imports: ['_vendor.js'],
          dynamicImports: ['src/i18n/bundles/es.ts', 'src/i18n/bundles/fr.ts', 'src/pages/ThreadPage.tsx'],
        },
        '_vendor.js': { file: 'assets/vendor.js', name: 'vendor' },
        'src/i18n/bundles/es.ts': {
          file: 'assets/es.js',
          src: 'src/i18n/bundles/es.ts',
          isDynamicEntry: true,
          imports: ['_locales-es.js', '_vendor.js'],
        },
        '_locales-es.js': { file: 'assets/locales-es.js', name: 'locales-es' },
        'src/i18n/bundles/fr.ts': {
          file: 'assets/fr.js',
          src: 'src/i18n/bundles/fr.ts',
          isDynamicEntry: true,
          imports: ['_locales-fr.js'],
        },
        '_locales-fr.js': { file: 'assets/locales-fr.js', name: 'locales-fr' },
        'src/pages/ThreadPage.tsx': { file: 'assets/ThreadPage.js', isDynamicEntry: true },
      };
      const assets = initialAssets(bundles, 'index.html', null);
      expect([...(assets.strings.get('es') ?? [])].sort()).to.deep.equal([
        'assets/es.js',
        'assets/locales-es.js',
      ]);
      expect([...(assets.strings.get('fr') ?? [])].sort()).to.deep.equal([
        'assets/fr.js',
        'assets/locales-fr.js',
      ]);
      expect(assets.code).to.deep.equal(['assets/index.js', 'assets/vendor.js']);
    });
  });

  describe('measurePages', () => {
    it('adds the entry, the page, their imports and the largest language, in gzip', () => {
      const entry = rowOf(ENTRY_ROW);
      expect(entry.code.gzip).to.equal(10_000 + 40_000 + 1_000 + 5_000);
      expect(entry.strings.gzip).to.equal(9_000);
      expect(entry.js.gzip).to.equal(65_000);
      expect(entry.asBuilt.gzip).to.equal(65_000 + 8_000);
      const thread = rowOf('ThreadPage');
      expect(thread.js.gzip).to.equal(65_000 + 6_000 + 20_000);
      expect(thread.js.raw).to.equal(910_000);
      expect(thread.css.gzip).to.equal(4_500);
    });
  });

  describe('overBudget', () => {
    it('passes pages within their budgets', () => {
      const rows = measurePages(manifest, { ThreadPage: pages.ThreadPage }, sizeOf);
      const failures = overBudget(rows, { ...budgets, css: 5_000 });
      expect(failures).to.deep.equal([]);
    });

    it('fails a page over its budget, naming it and the excess', () => {
      const failures = overBudget(measurePages(manifest, pages, sizeOf), budgets);
      const admin = failures.find((f) => f.kind === 'js');
      expect(admin?.page).to.equal('AdminPage');
      expect(admin?.excess).to.equal(65_000 + 4_000 + 70_000 - 120_000);
      expect(admin?.message).to.match(/^AdminPage: .*19\.0 kB over its budget of 120\.0 kB/);
    });

    it('holds a page to its own budget before the general one, and CSS to the CSS budget', () => {
      const failures = overBudget(measurePages(manifest, pages, sizeOf), {
        ...budgets,
        pages: { ThreadPage: 90_000 },
      });
      expect(failures.map((f) => `${f.page} ${f.kind} ${f.excess}`)).to.have.members([
        'ThreadPage js 1000',
        'ThreadPage css 500',
        'AdminPage js 19000',
      ]);
    });
  });

  describe('reading the build', () => {
    it('finds the pages of lazyPages.ts and the language of a strings chunk', () => {
      const source = `export const A = lazy(() => import('./ThreadPage').then((m) => ({ default: m.ThreadPage })));
export const B = lazy(() =>
  import('./AdminRolesPage').then((m) => ({ default: m.AdminRolesPage })),
);`;
      expect(lazyPagesOf(source)).to.deep.equal({
        ThreadPage: 'src/pages/ThreadPage.tsx',
        AdminRolesPage: 'src/pages/AdminRolesPage.tsx',
      });
      expect(localeOf({ file: 'x.js', name: 'locales-pt' })).to.equal('pt');
      expect(localeOf({ file: 'x.js', src: '../locales/fr/forum.json' })).to.equal('fr');
      expect(localeOf({ file: 'x.js', name: 'vendor' })).to.equal(null);
    });
  });
});
