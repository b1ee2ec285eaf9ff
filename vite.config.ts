import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

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
    // Read by the server renderer (server/web) to preload a page's chunks.
    manifest: true,
  },
  server: { fs: { allow: [root] } },
});
