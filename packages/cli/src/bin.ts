#!/usr/bin/env node
// The `flowloom` binary: the engine's command line (`runCli` from
// @flowloom/engine/node) with the SQLite adapter as its `--db` storage, and
// `flowloom serve`, the REST API of @flowloom/server over a SQLite file.
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { CanceledError } from '@flowloom/engine';
import { runCli } from '@flowloom/engine/node';
import { runServe } from '@flowloom/server/standalone';

const argv = process.argv.slice(2);
const stdout = (text: string) => void process.stdout.write(text);
const stderr = (text: string) => void process.stderr.write(text);

if (argv[0] === 'serve') {
  // runServe stops the server on SIGINT or SIGTERM, letting running executions finish.
  process.exitCode = await runServe(argv.slice(1), { stdout, stderr, cwd: process.cwd(), name: 'flowloom serve' });
} else {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new CanceledError('The run was interrupted (Ctrl+C).')));
  const help = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
  const code = await runCli(argv, {
    stdout,
    stderr,
    cwd: process.cwd(),
    signal: controller.signal,
    openStorage: (file) => openSqliteStorage(file),
  });
  if (help) {
    (code === 0 ? stdout : stderr)(
      '\nflowloom serve [--db <file.sqlite>] [--port <n>] [--host <address>] ...\n' +
        '          serves the REST API over a SQLite file until SIGINT or SIGTERM (flowloom serve --help).\n',
    );
  }
  process.exitCode = code;
}
