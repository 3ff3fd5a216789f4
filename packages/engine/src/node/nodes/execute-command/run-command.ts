import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { abortError } from '../../../errors/canceled.error.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import type { ExecuteCommandOptions } from '../host.js';

/** What a finished command gives. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const KEPT_VARIABLES = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SystemRoot', 'ComSpec', 'PATHEXT'];
const WINDOWS = process.platform === 'win32';

/** The environment of commands: the host's, or a few harmless variables of this process. */
function environment(settings: ExecuteCommandOptions): Record<string, string> {
  if (settings.env) return { ...settings.env };
  const env: Record<string, string> = {};
  for (const key of KEPT_VARIABLES) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Stops the command and whatever it started (its process group, outside Windows). */
function kill(child: ChildProcess): void {
  try {
    if (!WINDOWS && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // It has ended already.
  }
}

/** One trailing line break is dropped: `echo hi` gives "hi". */
const text = (chunks: Buffer[]) =>
  Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');

/**
 * Runs a command with the system's shell, in its own process group, and
 * waits for it. The time limit is a timer of the engine's clock
 * (`ctx.sleep`); past it, or when the run is cancelled, the whole group is
 * killed. A non-zero exit code is a result, not a failure.
 */
export async function runCommand(
  ctx: NodeContext,
  command: string,
  settings: ExecuteCommandOptions,
  timeoutMs: number,
): Promise<CommandResult> {
  const name = ctx.node.name;
  const maxBytes = settings.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const child = spawn(command, {
    shell: true,
    cwd: settings.cwd,
    env: environment(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !WINDOWS,
    windowsHide: true,
  });
  const output = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  let overflow: 'stdout' | 'stderr' | undefined;
  for (const stream of ['stdout', 'stderr'] as const) {
    let size = 0;
    child[stream]!.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        overflow ??= stream;
        kill(child);
      } else output[stream].push(chunk);
    });
  }
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: Error }>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const stopTimer = new AbortController();
  const timer = ctx.sleep(timeoutMs, stopTimer.signal).then(
    () => 'timeout' as const,
    () => 'aborted' as const,
  );
  const first = await Promise.race([ended, timer]);
  stopTimer.abort();
  if (first === 'timeout' || first === 'aborted') {
    kill(child);
    await ended;
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    throw new NodeExecutionError(`Node '${name}': the command did not finish within ${timeoutMs} ms and was stopped.`, {
      code: 'COMMAND_TIMEOUT',
      retryable: false,
      details: { timeoutMs, stdout: text(output.stdout), stderr: text(output.stderr) },
    });
  }
  if ('error' in first) {
    throw new NodeExecutionError(`Node '${name}': the command could not be started: ${first.error.message}`, {
      code: 'COMMAND_FAILED',
      retryable: false,
    });
  }
  if (overflow) {
    throw new NodeExecutionError(`Node '${name}': the command wrote more than ${maxBytes} bytes to ${overflow} and was stopped.`, {
      code: 'COMMAND_OUTPUT_TOO_LARGE',
      retryable: false,
    });
  }
  const exitCode = first.code ?? 128 + (first.signal ? (constants.signals[first.signal] ?? 0) : 0);
  return { exitCode, stdout: text(output.stdout), stderr: text(output.stderr) };
}
