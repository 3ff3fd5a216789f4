import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowloomError } from '../errors/flowloom.error.js';
import { runCli } from '../node/cli.js';

/** Runs `flowloom <args>` in this process with files written to a fresh directory; for end-to-end tests. */
export async function runCliWithFiles(
  files: Record<string, unknown>,
  args: string[],
): Promise<{
  code: number;
  stdout: string;
  stderr: string;
  execution: { status: string; nodes: Record<string, { output: Record<string, { json: Record<string, unknown> }[]> }[]> };
}> {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-e2e-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  const { code, stdout, stderr } = await runCliIn(dir, args);
  return { code, stdout, stderr, execution: stdout ? JSON.parse(stdout) : undefined };
}

/** What a run of `flowloom` printed, and its exit code. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `flowloom <args>` in this process, in `cwd`. */
export async function runCliIn(cwd: string, args: string[]): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const built = fileURLToPath(new URL('../../dist/node/index.js', import.meta.url));
const script = fileURLToPath(new URL('./fixtures/built-cli.mjs', import.meta.url));

/** Runs the built command line in a child process, in `cwd`, as `flowloom` does; the engine must be built (`npm run build`). */
export function runBuiltCli(cwd: string, args: string[]): CliOutcome {
  if (!existsSync(built)) throw new FlowloomError('NOT_BUILT', `Build the engine first (npm run build): ${built} is missing.`);
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
