import { stopSharedTestApp } from './app';

/** Mocha root hooks: the shared app is stopped and its database dropped after the last suite. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopSharedTestApp();
  },
};
