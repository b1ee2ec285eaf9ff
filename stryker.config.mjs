// Mutation testing of the security- and integrity-critical modules (see docs/testing.md). Run it with
// `npm run test:mutation` (every group) or `npm run test:mutation -- <group> …`; one group per Stryker
// run, chosen by MUTATION_GROUP, so that each mutant runs only the tests of its area.

/**
 * The modules under mutation, grouped with the tests that exercise them. Every mutant runs all the
 * tests of its group, so each group keeps its spec list short.
 */
export const MUTATION_GROUPS = {
  sanitizer: {
    // From the allow-list to the end: the sanitizer and the escaping of plain text (Markdown rendering
    // and mention links above it are not a security barrier; the sanitizer after them is).
    mutate: ['server/content/markdown.ts:87-165'],
    spec: ['test/unit/markdown.test.ts', 'test/unit/sanitizer.test.ts'],
  },
  csrf: {
    mutate: ['server/http/csrf.ts'],
    spec: ['test/api/csrf.test.ts', 'test/api/csrf-methods.test.ts'],
  },
  policies: {
    mutate: [
      'server/http/guards.ts',
      'shared/forum-policy.ts',
      'server/forum/thread.policy.ts',
      'server/members/member.policy.ts',
      'server/messaging/conversation.policy.ts',
      'server/moderation/moderation.context.ts',
    ],
    // The unit tests read each guard and predicate directly; moderation-actions.test.ts is the suite whose
    // actions send notices and tell reporters (notifyNotice, notifyReporters); moderator-second-factor.test.ts
    // the one where a moderator without a second factor acts on others' content.
    spec: [
      'test/unit/forum-policy.test.ts',
      'test/unit/guards.test.ts',
      'test/unit/conversation-policy.test.ts',
      'test/unit/moderation-context.test.ts',
      'test/api/moderation-actions.test.ts',
      'test/api/moderator-second-factor.test.ts',
      'test/api/roles.test.ts',
      'test/api/thread-removal.test.ts',
      'test/api/curation.test.ts',
      'test/api/moderation-queue.test.ts',
      'test/api/conversations.test.ts',
    ],
  },
  messaging: {
    mutate: [
      'server/messaging/message.service.ts',
      'server/messaging/message.queries.ts',
      'server/messaging/rate-limits.ts',
    ],
    // conversations.test.ts: requests, declines and blocks (who may be written to); realtime/messaging:
    // edits and deletions kept from members who joined after (hiddenFrom), typing limits;
    // messaging-limits.test.ts: the limits on their own (allowances by account age, waits, Redis keys).
    spec: [
      'test/unit/messaging-limits.test.ts',
      'test/api/messages.test.ts',
      'test/api/messages-idempotency.test.ts',
      'test/api/conversations.test.ts',
      'test/realtime/messaging.test.ts',
    ],
  },
  accounts: {
    mutate: [
      'server/auth/rate-limits.ts',
      'server/auth/account-tokens.queries.ts',
      'server/auth/account-email.service.ts',
    ],
    // auth-limits.test.ts: the limits on their own (waits, refunds, a failing store; Redis keys with REDIS_URL).
    // admin-bootstrap.test.ts: who opened a verification link decides whether it proves an ADMIN_EMAILS address.
    spec: [
      'test/unit/auth-limits.test.ts',
      'test/api/rate-limit.test.ts',
      'test/api/account-email.test.ts',
      'test/api/admin-bootstrap.test.ts',
    ],
  },
  profiles: {
    mutate: ['server/directory/profile.policy.ts', 'server/directory/profile.presenter.ts'],
    // avatar.test.ts: the only suite with an avatar, so the only one that reads avatarUrl's path.
    spec: ['test/api/profile.test.ts', 'test/api/avatar.test.ts'],
  },
};

const name = process.env.MUTATION_GROUP ?? 'sanitizer';
const group = MUTATION_GROUPS[name];
if (!group)
  throw new Error(`unknown MUTATION_GROUP ${name}: one of ${Object.keys(MUTATION_GROUPS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  // Stryker's mocha runner: one mocha per worker, the app kept warm between mutants, and per-test coverage
  // so that each mutant runs only the tests that reach it. scripts/stryker-tsx.mjs registers tsx from
  // inside the sandbox (with `--import tsx` the `@server/*` aliases resolved to the project's own,
  // uninstrumented files and no mutant was ever active; see docs/testing.md).
  testRunner: 'mocha',
  mochaOptions: {
    // Not .mocharc.json: its root hook stops the shared app after every run, and Stryker runs the suite
    // many times in the same process.
    'no-config': true,
    spec: group.spec,
    require: ['scripts/stryker-tsx.mjs'],
  },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: group.mutate,
  // Only what the server and its tests need goes into the sandbox: the client's sources are needed,
  // since the server renders its pages (server/web imports @client/*).
  ignorePatterns: ['dist', 'data', 'bench', 'docs', 'reports', 'test/e2e', 'test-results', '.stryker-*'],
  // STRYKER_CONCURRENCY overrides it (docs/testing.md: with the checker, 1 runs the same processes as 2).
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // The machine is shared and the tests talk to a database: allow slow runs before calling a timeout.
  timeoutMS: 30000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
