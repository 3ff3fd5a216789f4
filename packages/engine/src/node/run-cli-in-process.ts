import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';

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
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, execution: stdout ? JSON.parse(stdout) : undefined };
}
