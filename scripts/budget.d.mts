// Types of scripts/budget.mjs, for the TypeScript that imports it (its unit test).

/** One chunk of dist/client/.vite/manifest.json. */
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** The Vite manifest: chunks by key (a source path, or `_<name>-<hash>.js` for shared chunks). */
export type Manifest = Record<string, ManifestChunk>;

/** A file's or a sum's size in bytes. */
export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

/** Budgets in bytes of gzip. */
export interface Budgets {
  entry: number;
  pages: Readonly<Record<string, number>>;
  anyPage: number;
  css: number;
}

/** One page's initial download. */
export interface PageRow {
  name: string;
  code: Size;
  strings: Size;
  js: Size;
  asBuilt: Size;
  css: Size;
}

/** A page over one of its budgets. */
export interface BudgetFailure {
  page: string;
  kind: 'js' | 'css';
  size: number;
  budget: number;
  excess: number;
  message: string;
}

export const BUDGETS: Budgets;
export const TARGETS: Budgets;
export const ENTRY_ROW: string;
export function localeOf(chunk: ManifestChunk): string | null;
export function staticClosure(manifest: Manifest, keys: string[]): Set<string>;
export function initialAssets(
  manifest: Manifest,
  entryKey: string,
  pageKey: string | null,
): { code: string[]; css: string[]; strings: Map<string, Set<string>>; eagerStrings: string[] };
export function total(files: Iterable<string>, sizeOf: (file: string) => Size): Size;
export function budgetOf(row: string, budgets?: Budgets): number;
export function measurePages(
  manifest: Manifest,
  pages: Record<string, string>,
  sizeOf: (file: string) => Size,
): PageRow[];
export function overBudget(rows: PageRow[], budgets?: Budgets): BudgetFailure[];
export function kB(bytes: number): string;
export function formatTable(rows: PageRow[], budgets?: Budgets, targets?: Budgets): string;
export function lazyPagesOf(source: string): Record<string, string>;
export function sizesIn(manifest: Manifest, distDir: string): Promise<(file: string) => Size>;
export function checkBudgets(options: {
  root: string;
  distDir?: string;
  budgets?: Budgets;
  log?: (line: string) => void;
}): Promise<BudgetFailure[]>;
