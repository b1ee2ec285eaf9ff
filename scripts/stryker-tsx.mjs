// Loaded by Stryker's mocha runner (`mochaOptions.require` in stryker.config.mjs) inside its sandbox, before
// the test files. Two things the runner cannot do for our ESM TypeScript tests:
//
// 1. tsx is registered here, not with `--import tsx` in the worker's node arguments. The worker starts in
//    the project directory and only then moves into its sandbox; tsx reads tsconfig.json (the `@server/*`
//    and `@shared/*` paths) when it is registered, so with `--import tsx` every aliased import resolved to
//    the project's own, uninstrumented files and no mutant was ever active. Registered now, from the
//    sandbox, the aliases point at the sandbox's instrumented copies.
// 2. The runner marks the test being run in a `beforeEach` (per-test coverage) and never unmarks it, so code
//    run in a later suite's `before` hook (an app of its own, started for that suite) was counted as covered
//    by the previous suite's last test. Unmarking it after each test counts such code as static: Stryker then
//    runs every test for its mutants, in a fresh worker.
import path from 'node:path';
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

const tsconfig = path.resolve('tsconfig.json');
registerEsm({ tsconfig });
registerCjs();

export const mochaHooks = {
  afterEach() {
    const stryker = globalThis.__stryker__;
    if (stryker) stryker.currentTestId = undefined;
  },
};
