#!/usr/bin/env node
// The `flowloom` binary: the engine's command line (`runCli` from
// @flowloom/engine/node) with the SQLite adapter as its `--db` storage.
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { CanceledError } from '@flowloom/engine';
import { runCli } from '@flowloom/engine/node';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new CanceledError('The run was interrupted (Ctrl+C).')));

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  signal: controller.signal,
  openStorage: (file) => openSqliteStorage(file),
});
process.exitCode = code;
