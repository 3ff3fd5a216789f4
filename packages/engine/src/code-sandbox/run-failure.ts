import { CODE_HEADER } from './guest-prelude.js';
import type { CodeLogEntry, CodeRunFailure, CodeRunResult } from './protocol.js';

const MiB = 1024 * 1024;

/** Put before the user's code, on its first line. */
export const CODE_PREFIX = `(${CODE_HEADER}`;

/**
 * The driver's answer (see `GUEST_PRELUDE`) as a result: `R` and the output's
 * JSON, `L` and the size of an output over the cap, or `E` and the error the
 * code threw (`S`, an output streamed in parts, is the runner's to assemble).
 */
export function decode(text: string, logs: CodeLogEntry[]): CodeRunResult {
  const kind = text[0];
  const body = text.slice(1);
  if (kind === 'R') return { ok: true, outputJson: body, logs };
  if (kind === 'L') {
    const partial = body.startsWith('>');
    const mb = `${partial ? 'over ' : ''}${(Number(partial ? body.slice(1) : body) / MiB).toFixed(1)}`;
    return {
      ok: false,
      logs,
      error: { code: 'CODE_OUTPUT_TOO_LARGE', message: `${mb} MiB of JSON` },
    };
  }
  let described: { name: string; message: string; stack: string };
  try {
    described = JSON.parse(body) as typeof described;
  } catch {
    return { ok: false, logs, error: { code: 'CODE_SANDBOX', message: 'the sandbox returned unreadable text' } };
  }
  return { ok: false, logs, error: classify(described.name, described.message, described.stack, false) };
}

/** What a guest error means: a timeout, memory or stack exhausted, or an error of the code, at its place in the code. */
export function classify(name: string, message: string, stack: string, engineLevel: boolean): CodeRunFailure {
  if (name === 'InternalError' && message === 'interrupted') return { code: 'CODE_TIMEOUT', message: 'interrupted' };
  // The driver's own error when the static data the code left is not JSON (see `GUEST_PRELUDE`).
  if (name === 'WorkflowStaticDataError' && !engineLevel) return { code: 'CODE_STATIC_DATA_INVALID', message };
  if (engineLevel || name === 'InternalError' || name === 'RangeError') {
    if (/out of memory|string too long|invalid array length|allocation/i.test(message) && name !== 'SyntaxError') {
      return { code: 'CODE_MEMORY', message };
    }
    if (/stack overflow|too much recursion/i.test(message)) return { code: 'CODE_STACK', message };
  }
  const failure: CodeRunFailure = {
    code: 'CODE_ERROR',
    message: name && name !== 'Error' ? `${name}: ${message}` : message || 'an error was thrown',
  };
  const position = userPosition(stack);
  if (position) Object.assign(failure, position);
  return failure;
}

/** The first frame in the user's code, with the header's columns taken off line 1. */
function userPosition(stack: string): { line: number; column: number } | undefined {
  const match = /(?:^|[\s(])code\.js:(\d+)(?::(\d+))?/.exec(stack);
  if (!match) return undefined;
  const line = Number(match[1]);
  let column = Number(match[2] ?? 1);
  if (line === 1) column = Math.max(1, column - CODE_PREFIX.length);
  return { line, column };
}
