// @stryker-mutator/mocha-runner 9 requires mocha's CLI helpers by their names before mocha 12
// (`mocha/lib/cli/run-helpers`, `…/options`, `…/collect-files`); mocha 12 ships them as `.cjs`. This maps
// those requests to the `.cjs` files. Loaded only into Stryker's processes, by scripts/mutation.mjs.
import Module from 'node:module';

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveMochaCli(request, ...rest) {
  if (/[\\/]mocha[\\/]lib[\\/]cli[\\/][\w-]+$/.test(request)) {
    try {
      return resolve.call(this, `${request}.cjs`, ...rest);
    } catch {
      // Not a renamed helper: resolve the request as written.
    }
  }
  return resolve.call(this, request, ...rest);
};
