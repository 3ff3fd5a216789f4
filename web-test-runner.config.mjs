// Component tests in real Chromium (the system's, never a downloaded one):
// the element's tests and the IndexedDB adapter's.
import commonjsPlugin from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import { testServicesPlugin } from './packages/element/src/testing/test-services.plugin.mjs';

const commonjs = fromRollup(commonjsPlugin);

export default {
  files: ['packages/element/src/**/*.test.ts', 'packages/adapters/src/indexeddb/**/*.test.ts', 'packages/engine/src/**/*.chromium-test.ts'],
  nodeResolve: { exportConditions: ['browser', 'import', 'default'] },
  rootDir: '.',
  concurrency: 1,
  // Watchdogs for a hung file or test, not deadlines: no test's outcome depends on how fast the machine is.
  testsFinishTimeout: 600_000,
  browserStartTimeout: 120_000,
  testFramework: { config: { timeout: 180_000 } },
  plugins: [
    // The HTTP API, OAuth2 server and screenshots the element's tests use (started on first use).
    testServicesPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/element/tsconfig.json' }),
    // jsonata, elkjs and a few other dependencies ship CommonJS only.
    commonjs({
      strictRequires: false,
      include: [
        '**/node_modules/jsonata/**',
        '**/node_modules/elkjs/**',
        '**/node_modules/papaparse/**',
        '**/node_modules/luxon/**',
        '**/node_modules/ipaddr.js/**',
      ],
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      },
    }),
  ],
};
