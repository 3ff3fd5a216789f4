#!/usr/bin/env node
// The `flowloom` command. It lives outside dist/ so that npm links it when the
// package is installed, even in a checkout where nothing is built yet; it
// loads the built command.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('flowloom: the CLI is not built yet. Run `npm run build` in the Flowloom checkout first.\n');
  process.exit(1);
}
await import(cli.href);
