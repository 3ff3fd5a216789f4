#!/usr/bin/env node
// `npx @flowloom/server`: the REST API on its own over a SQLite file, the
// same as `flowloom serve`. It lives outside dist/ so that npm links it when
// the package is installed; it loads the built server.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/standalone/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('flowloom-server: the server is not built yet. Run `npm run build` in the Flowloom checkout first.\n');
  process.exit(1);
}
const { runServe } = await import(entry.href);
process.exitCode = await runServe(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  name: 'flowloom-server',
});
