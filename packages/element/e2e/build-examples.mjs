// Builds the example hosts that need a bundler (the vanilla one needs none) for the end-to-end tests.
import { build } from 'vite';

for (const name of ['playground', 'react', 'vue', 'server', 'accounts']) {
  const configFile = new URL(`../../../examples/${name}/vite.config.mjs`, import.meta.url).pathname;
  await build({ configFile, logLevel: 'warn' });
  console.log(`built examples/${name}`);
}
