import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Server features (docs: "a feature exposes one public module"). Each may import another only through
 * its index (`@server/<feature>`), never its queries, routes or tables. `seed` is a tool: it may import
 * features, nothing may import it (the entry point and the composition root excepted).
 */
const FEATURES = [
  'auth',
  'directory',
  'forum',
  'members',
  'messaging',
  'moderation',
  'notifications',
  'privacy',
  'search',
  'audit',
  'mail',
  'syndication',
];
const TOOLS = ['seed'];
/** Files that wire features together and may import anything (the other ones only through indexes). */
const COMPOSITION = ['server/main.ts', 'server/server.ts', 'server/app/**'];

const restriction = (message, patterns) => ({ group: patterns, message });
const noClient = restriction('the server never imports the client', ['@client/*', '**/client/**']);
const noSeed = {
  regex: '^(@server|\\.)/seed(/|$)',
  message: 'seed is a tool: nothing in the server imports it',
};
const layering = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** The rule for the files of one feature: other features through their index, no way out by `../`. */
const featureBoundary = (feature) => ({
  files: [`server/${feature}/**`],
  rules: layering(
    noClient,
    noSeed,
    {
      regex: `^@server/(?!${feature}/)(${[...FEATURES, ...TOOLS].join('|')})/`,
      message:
        'another feature is imported only through its public module, `@server/<feature>` (its index.ts)',
    },
    {
      regex: '^\\.\\./',
      message: 'a feature reaches outside its folder only through an alias (`@server/...`)',
    },
  ),
});

/** Node built-ins by bare name (`fs`, `fs/promises`) as well as by `node:` prefix. */
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * SQL lives only in `*.queries.ts` (and server/db: schema, migrations, pool): elsewhere no query
 * builder, no tables, no raw `pg`, no `.query(...)`/`.execute(...)` call. Types may still be imported.
 */
const SQL_MESSAGE =
  "SQL lives only in *.queries.ts: call a queries function (or the owning feature's service)";

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'bench/results/',
      'server/db/migrations/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Response bodies in tests are untyped JSON on purpose: tests assert their shape.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'shared/ runs in the browser too: no Node built-ins',
          })),
          patterns: [
            restriction('shared/ is imported by both sides and imports neither', [
              '@server/*',
              '@client/*',
              'node:*',
              '**/server/**',
              '**/client/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    // Code that runs in the browser builds its schemas with the Zod of shared/zod.ts, configured for the
    // pages' Content-Security-Policy (no eval). Types may come from 'zod' itself.
    files: ['shared/**', 'client/**'],
    ignores: ['shared/zod.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message:
                "import { z } from '@shared/zod' (or a relative path to it) in code that runs in the browser",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layering(restriction('the client never imports the server', ['@server/*', '**/server/**'])),
  },
  {
    files: ['server/**'],
    ignores: [...COMPOSITION, 'server/seed/**'],
    rules: layering(noClient, noSeed),
  },
  {
    files: [...COMPOSITION, 'server/seed/**'],
    rules: layering(noClient),
  },
  ...FEATURES.map(featureBoundary),
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.queries.ts', 'server/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['drizzle-orm', 'pg'].map((name) => ({
            name,
            message: SQL_MESSAGE,
            allowTypeImports: true,
          })),
          patterns: [
            { regex: '^drizzle-orm/', message: SQL_MESSAGE, allowTypeImports: true },
            { regex: '^@server/db/schema(/|$)', message: SQL_MESSAGE, allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(query|execute)$/]",
          message: SQL_MESSAGE,
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: SQL_MESSAGE },
      ],
    },
  },
  {
    // Server rendering renders the client's own components (client/src/Root.tsx and the pages' reads):
    // the one part of the server that imports the client. Like the kernel, it imports no feature: the
    // composition root hands it the contract reader and what else it needs.
    files: ['server/web/**'],
    rules: layering(
      noSeed,
      restriction(
        'server/web imports no feature (the composition root in server/app injects what it needs)',
        FEATURES.flatMap((feature) => [`@server/${feature}`, `@server/${feature}/**`]),
      ),
    ),
  },
  {
    // The kernel (HTTP plumbing, the contract mount, sockets) knows no feature: features plug into it
    // through their modules (server/<feature>/<feature>.module.ts), assembled by the composition root
    // (server/app). Repeats the server/** patterns, which a later `no-restricted-imports` replaces.
    files: ['server/http/**', 'server/realtime/**', 'server/events/**'],
    rules: layering(
      noClient,
      noSeed,
      restriction(
        'server/http, server/realtime and server/events are the kernel: they import no feature (the composition root in server/app injects what they need)',
        FEATURES.flatMap((feature) => [
          `@server/${feature}`,
          `@server/${feature}/**`,
          `../${feature}`,
          `../${feature}/**`,
        ]),
      ),
    ),
  },
);
