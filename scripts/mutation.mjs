// Runs Stryker once per group of stryker.config.mjs (all groups, or those named on the command line),
// always on the embedded database, at low priority: `npm run test:mutation [-- group …]`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MUTATION_GROUPS } from '../stryker.config.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in MUTATION_GROUPS));
if (unknown.length > 0) {
  console.error(
    `Unknown group(s): ${unknown.join(', ')}. Groups: ${Object.keys(MUTATION_GROUPS).join(', ')}`,
  );
  process.exit(2);
}

const mochaShim = fileURLToPath(new URL('./stryker-mocha12.mjs', import.meta.url));

let failed = false;
for (const group of asked.length > 0 ? asked : Object.keys(MUTATION_GROUPS)) {
  console.log(`\n=== mutation group ${group}: ${MUTATION_GROUPS[group].mutate.join(', ')}`);
  // A scratch PostgreSQL database per run would be left behind by killed workers: embedded only.
  const env = {
    ...process.env,
    MUTATION_GROUP: group,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${mochaShim}`.trim(),
  };
  delete env.DATABASE_URL;
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], { stdio: 'inherit', env });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
