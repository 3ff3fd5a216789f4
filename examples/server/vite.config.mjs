import { defineConfig } from 'vite';

// Builds the host page into dist/, which the host serves at /. It builds against the packages' dist
// (as an installed host would), so `npm run build` first.
export default defineConfig({
  root: new URL('./page', import.meta.url).pathname,
  base: '/',
  build: {
    outDir: new URL('./dist', import.meta.url).pathname,
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
