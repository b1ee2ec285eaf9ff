import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { clientDistDir, projectRoot } from '@server/http/client';

/**
 * Builds the web client when its sources are newer than dist/ (the step `npm test` runs first; a no-op
 * otherwise) and returns the path of the module script index.html loads.
 */
export async function builtMainScript(): Promise<string> {
  await promisify(execFile)(process.execPath, [
    path.join(projectRoot(), 'scripts', 'build.mjs'),
    '--if-stale',
  ]);
  const html = readFileSync(path.join(clientDistDir(), 'index.html'), 'utf8');
  const match = /<script type="module"[^>]*src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html names no module script');
  return match[1];
}
