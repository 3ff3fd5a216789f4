import { defineConfig } from 'vite';

// Builds against the packages' dist (as an installed host would), so build the packages first.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
});
