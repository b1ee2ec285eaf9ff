import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The libraries every page runs: they change less often than the app, so they are cached apart from it. */
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/][\w-]+|i18next|react-i18next|html-parse-stringify|void-elements|cookie|set-cookie-parser)[\\/]/;

/**
 * The interface strings of one language (`locales/<lang>/*.json`) in a chunk of their own, so that the
 * weight budget (scripts/budget.mjs) can count one language, and a visitor need load only theirs.
 */
function localeChunk(id: string): string | null {
  const match = /[\\/]locales[\\/]([a-z]{2})[\\/][^\\/]+\.json$/.exec(id);
  return match ? `locales-${match[1]}` : null;
}

export default defineConfig({
  root: path.join(root, 'client'),
  plugins: [react()],
  resolve: {
    alias: {
      '@shared': path.join(root, 'shared'),
      '@client': path.join(root, 'client', 'src'),
      '@locales': path.join(root, 'locales'),
    },
  },
  build: {
    outDir: path.join(root, 'dist', 'client'),
    emptyOutDir: true,
    // Maps are written for error reporting but never linked from the bundles; scripts/build.mjs moves
    // them out of the served directory, into dist/sourcemaps.
    sourcemap: 'hidden',
    assetsDir: 'assets',
    // dist/client/.vite/manifest.json: which chunks and CSS each page needs. The budget check reads it,
    // and so does the server, to announce a page's chunks with modulepreload links.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: localeChunk, debugName: 'locales', priority: 2 },
            { name: 'vendor', test: VENDOR, priority: 1 },
          ],
        },
      },
    },
  },
  server: { fs: { allow: [root] } },
});
