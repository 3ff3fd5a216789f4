import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const engineSrc = fileURLToPath(new URL('./packages/engine/src/', import.meta.url));
const adaptersSrc = fileURLToPath(new URL('./packages/adapters/src/', import.meta.url));
const serverSrc = fileURLToPath(new URL('./packages/server/src/', import.meta.url));
const integrationsSrc = fileURLToPath(new URL('./packages/integrations/src/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; only the CLI tests use the built bin.
    alias: [
      { find: /^@flowloom\/engine$/, replacement: `${engineSrc}index.ts` },
      { find: /^@flowloom\/engine\/testing$/, replacement: `${engineSrc}testing/index.ts` },
      { find: /^@flowloom\/engine\/testing\/node$/, replacement: `${engineSrc}testing/node.ts` },
      { find: /^@flowloom\/engine\/node$/, replacement: `${engineSrc}node/index.ts` },
      { find: /^@flowloom\/engine\/n8n$/, replacement: `${engineSrc}n8n/index.ts` },
      { find: /^@flowloom\/adapters\/sqlite$/, replacement: `${adaptersSrc}sqlite/index.ts` },
      { find: /^@flowloom\/adapters\/postgres$/, replacement: `${adaptersSrc}postgres/index.ts` },
      { find: /^@flowloom\/integrations$/, replacement: `${integrationsSrc}index.ts` },
      { find: /^@flowloom\/server$/, replacement: `${serverSrc}index.ts` },
      { find: /^@flowloom\/integrations\/relay$/, replacement: `${integrationsSrc}relay.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'templates/**/*.test.ts', 'examples/server/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/element/**', 'packages/adapters/src/indexeddb/**'],
    pool: 'forks',
    // Watchdogs for a hung test, not deadlines: no test's outcome depends on how fast the machine is,
    // so they are far above any test's real running time even with every core busy.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
