import { config, z } from 'zod';

/**
 * Zod, for the code that runs in the browser too. Zod compiles object parsers with `new Function` where
 * it may, and probes for that on the first object schema it builds. The pages' Content-Security-Policy
 * has no 'unsafe-eval' (and must not), so in a browser the probe was a CSP violation reported on every
 * page: there, schemas parse without compiling. On the server, where nothing forbids it, they compile.
 * Shared modules import `z` from here, so this runs before any of their schemas is built.
 */
if (typeof document !== 'undefined') config({ jitless: true });

export { z };
