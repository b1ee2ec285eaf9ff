import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layering = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

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
    rules: layering('shared/ is imported by both sides and imports neither', [
      '@server/*',
      '@client/*',
      'node:*',
      '**/server/**',
      '**/client/**',
    ]),
  },
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layering('the client never imports the server', ['@server/*', '**/server/**']),
  },
  {
    files: ['server/**'],
    rules: layering('the server never imports the client', ['@client/*', '**/client/**']),
  },
  {
    // The kernel (HTTP plumbing, the contract mount, sockets) knows no feature: features plug into it
    // through their modules (server/<feature>/<feature>.module.ts), assembled by the composition root
    // (server/app). Repeats the server/** patterns, which a later `no-restricted-imports` replaces.
    files: ['server/http/**', 'server/realtime/**'],
    rules: layering(
      'server/http and server/realtime are the kernel: they import no feature (the composition root in server/app injects what they need)',
      [
        '@client/*',
        '**/client/**',
        ...[
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
          'seed',
        ].flatMap((feature) => [
          `@server/${feature}`,
          `@server/${feature}/**`,
          `../${feature}`,
          `../${feature}/**`,
        ]),
      ],
    ),
  },
);
